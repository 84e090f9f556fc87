import Taro from '@tarojs/taro';
import {
  applicationBodySchema,
  type Application,
  type ApplicationBodyParsed,
  type ApplicationDraft,
  type ApplicableLevel,
  type ErrorBody,
  type ITSS_CONFORMITY_LEVELS,
  type UnitType,
} from '@itss/shared';

type ConformityLevel = (typeof ITSS_CONFORMITY_LEVELS)[number];

/** The licence as the form knows it: after a draft restore only its id may be known. */
export interface LicenceRef {
  id: number;
  name: string | null;
  size: number | null;
}

/** What the form holds while the person types: every text as typed, choices empty until made. */
export interface ApplicationForm {
  unitName: string;
  creditCode: string;
  unitType: UnitType | '';
  province: string;
  city: string;
  address: string;
  legalRepresentative: string;
  contact: { name: string; title: string; mobile: string; email: string };
  level: ApplicableLevel | '';
  businessDescription: string;
  itssConformityLevel: ConformityLevel | '';
  licence: LicenceRef | null;
  consents: { rules: boolean; privacy: boolean };
  campaignScene: string | null;
}

/** Field path ('contact.mobile') → the message shown beside it. */
export type FieldErrors = Record<string, string>;

export function emptyForm(campaignScene: string | null): ApplicationForm {
  return {
    unitName: '',
    creditCode: '',
    unitType: '',
    province: '',
    city: '',
    address: '',
    legalRepresentative: '',
    contact: { name: '', title: '', mobile: '', email: '' },
    level: '',
    businessDescription: '',
    itssConformityLevel: '',
    licence: null,
    consents: { rules: false, privacy: false },
    campaignScene,
  };
}

/** A saved draft back into the form; the scene of this launch wins over the draft's. */
export function formFromDraft(
  draft: ApplicationDraft | null,
  campaignScene: string | null,
  knownLicence: LicenceRef | null,
): ApplicationForm {
  const form = emptyForm(campaignScene ?? draft?.campaignScene ?? null);
  if (!draft) return form;
  const licenceId = draft.licenceFileId;
  return {
    ...form,
    unitName: draft.unitName ?? '',
    creditCode: draft.creditCode ?? '',
    unitType: draft.unitType ?? '',
    province: draft.province ?? '',
    city: draft.city ?? '',
    address: draft.address ?? '',
    legalRepresentative: draft.legalRepresentative ?? '',
    contact: {
      name: draft.contact?.name ?? '',
      title: draft.contact?.title ?? '',
      mobile: draft.contact?.mobile ?? '',
      email: draft.contact?.email ?? '',
    },
    level: draft.level ?? '',
    businessDescription: draft.businessDescription ?? '',
    itssConformityLevel: draft.itssConformityLevel ?? '',
    licence: licenceId
      ? knownLicence?.id === licenceId
        ? knownLicence
        : { id: licenceId, name: null, size: null }
      : null,
    consents: { rules: draft.consents?.rules ?? false, privacy: draft.consents?.privacy ?? false },
  };
}

/** An application sent back for more information, to edit in the same form. */
export function formFromApplication(application: Application): ApplicationForm {
  return {
    unitName: application.unitName,
    creditCode: application.creditCode,
    unitType: application.unitType,
    province: application.province,
    city: application.city,
    address: application.address,
    legalRepresentative: application.legalRepresentative,
    contact: { ...application.contact },
    level: application.level,
    businessDescription: application.businessDescription,
    itssConformityLevel: application.itssConformityLevel ?? '',
    licence: { ...application.licence },
    // Agreed at submission (the server recorded the versions); the edit keeps that agreement.
    consents: { rules: true, privacy: true },
    campaignScene: null,
  };
}

const filled = (value: string): string | undefined => (value ? value : undefined);

/** Only what has been filled in, each bounded as the draft route allows. */
export function draftOf(form: ApplicationForm): ApplicationDraft {
  const cut = (value: string, max: number) => filled(value.slice(0, max));
  const contact = {
    name: cut(form.contact.name, 100),
    title: cut(form.contact.title, 100),
    mobile: cut(form.contact.mobile, 20),
    email: cut(form.contact.email, 200),
  };
  const draft: ApplicationDraft = {
    unitName: cut(form.unitName, 2000),
    creditCode: cut(form.creditCode, 40),
    unitType: form.unitType || undefined,
    province: cut(form.province, 20),
    city: cut(form.city, 20),
    address: cut(form.address, 2000),
    legalRepresentative: cut(form.legalRepresentative, 2000),
    contact: Object.values(contact).some(Boolean) ? contact : undefined,
    level: form.level || undefined,
    businessDescription: cut(form.businessDescription, 2000),
    itssConformityLevel: form.itssConformityLevel || undefined,
    licenceFileId: form.licence?.id,
    consents: form.consents.rules || form.consents.privacy ? { ...form.consents } : undefined,
    campaignScene: form.campaignScene ?? undefined,
  };
  return JSON.parse(JSON.stringify(draft)) as ApplicationDraft;
}

/** The form as the contract's body; unfilled choices stay absent so the schema names them. */
function bodyOf(form: ApplicationForm): Record<string, unknown> {
  return {
    unitName: form.unitName,
    creditCode: form.creditCode,
    unitType: form.unitType || undefined,
    province: form.province,
    city: form.city,
    address: form.address,
    legalRepresentative: form.legalRepresentative,
    contact: form.contact,
    level: form.level || undefined,
    businessDescription: form.businessDescription,
    itssConformityLevel: form.itssConformityLevel || undefined,
    licenceFileId: form.licence?.id,
    consents: form.consents,
    campaignScene: form.campaignScene ?? undefined,
  };
}

export type Checked = { ok: true; body: ApplicationBodyParsed } | { ok: false; errors: FieldErrors };

/** The shared schema, the same one the server applies; the first message of each field is kept. */
export function checkForm(form: ApplicationForm): Checked {
  const parsed = applicationBodySchema.safeParse(bodyOf(form));
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = fieldPath(issue.path.map(String).join('.'));
    errors[path] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * Where a message is shown: the body's paths, except the region (one picker for province and city)
 * and a whole missing object, whose message belongs to its first field.
 */
function fieldPath(path: string): string {
  if (path === 'province') return 'city';
  if (path === 'contact') return 'contact.name';
  if (path === 'consents') return 'consents.rules';
  return path;
}

/** A 400's `details`, beside the same fields. */
export function errorsFromDetails(details: ErrorBody['details']): FieldErrors {
  const errors: FieldErrors = {};
  for (const detail of details ?? []) errors[fieldPath(detail.path)] ??= detail.message;
  return errors;
}

const LOCAL_KEY = 'itss.join.local';

/**
 * Kept on the device beside the server's draft: the submission's Idempotency-Key, so a retry after
 * a lost answer is recognised by the server, and the uploaded licence's name and size for display.
 */
export interface LocalDraft {
  idempotencyKey: string | null;
  licence: LicenceRef | null;
}

export function readLocalDraft(): LocalDraft {
  try {
    const value: unknown = Taro.getStorageSync(LOCAL_KEY);
    if (value && typeof value === 'object') {
      const stored = value as Partial<LocalDraft>;
      return { idempotencyKey: stored.idempotencyKey ?? null, licence: stored.licence ?? null };
    }
  } catch {
    // Unreadable storage: start without.
  }
  return { idempotencyKey: null, licence: null };
}

export function writeLocalDraft(patch: Partial<LocalDraft>): void {
  try {
    Taro.setStorageSync(LOCAL_KEY, { ...readLocalDraft(), ...patch });
  } catch {
    // Storage full: a retry gets a fresh key, which the one-open-application rule still guards.
  }
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * 32 characters of the header's alphabet. It only has to be unique per filled form, not secret,
 * and WeChat's runtime has no synchronous crypto: Math.random is enough.
 */
export function newIdempotencyKey(): string {
  let key = '';
  for (let i = 0; i < 32; i += 1) key += KEY_ALPHABET[Math.floor(Math.random() * KEY_ALPHABET.length)];
  return key;
}

/** The key of the form being submitted: the stored one while it has not succeeded, else a new one. */
export function idempotencyKeyForSubmission(): string {
  const stored = readLocalDraft().idempotencyKey;
  if (stored) return stored;
  const key = newIdempotencyKey();
  writeLocalDraft({ idempotencyKey: key });
  return key;
}
