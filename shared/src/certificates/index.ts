import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { decimalIdSchema } from '../common';
import { defineErrors } from '../errors';
import { levelCodeSchema } from '../membership';

/**
 * The membership certificate (电子会员证书): issued once per unit and year to an active unit whose
 * bills of that year are all paid or waived, downloadable as a PDF and as an image, and verifiable
 * by anyone through its code. Verification reads the unit's live standing, so a certificate of a unit
 * since suspended, removed or unpaid for the new year says so.
 */

/**
 * The public verification page (`?code=`). Opened in WeChat from a scanned https link it receives
 * `?q=<encoded URL>` instead; the page accepts both.
 */
export const CERTIFICATE_VERIFY_PAGE = 'packages/certificates/pages/verify/index';

/**
 * A certificate's code: 20 characters of crypto-random base32 (RFC 4648 alphabet, 100 bits), stored,
 * never derived from the unit's id.
 */
export const CERTIFICATE_CODE_LENGTH = 20;
export const CERTIFICATE_CODE_PATTERN = /^[A-Z2-7]{20}$/;
export const certificateCodeSchema = z.string().regex(CERTIFICATE_CODE_PATTERN, '证书校验码无效');

/** The route's parameter: anything that is not a well-formed code answers 404, not 400. */
export const certificateCodeParamSchema = z.strictObject({ code: z.string() });
export const certificateUnitParamSchema = z.strictObject({ id: decimalIdSchema });

/** `GET /api/units/:id/certificate` (the unit's contacts, staff). */
export const certificateSchema = z.object({
  code: certificateCodeSchema,
  /** e.g. ITSS-2026-000123 */
  number: z.string(),
  year: z.number().int(),
  unitName: z.string(),
  level: levelCodeSchema,
  /** The last day of `year`, YYYY-12-31. */
  validThrough: z.iso.date(),
  /** `${PUBLIC_URL or the server's origin}/verify?code=<code>`: what the QR code holds. */
  verifyUrl: z.string(),
  issuedAt: z.iso.datetime(),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const CERTIFICATE_STATUSES = ['valid', 'unpaid', 'suspended', 'removed', 'expired'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export const certificateStatusSchema = z.enum(CERTIFICATE_STATUSES);
/** What the verification page says of each status. */
export const CERTIFICATE_STATUS_TEXTS: Record<CertificateStatus, string> = {
  valid: '有效',
  unpaid: '该单位本年度会费未缴清，证书暂不有效',
  suspended: '该单位会籍已暂停，证书暂不有效',
  removed: '该单位已被除名，证书无效',
  expired: '该证书已过有效期',
};

/**
 * What the page says of a certificate of attendance whose registration has since been cancelled
 * (status `removed`); a standing one is `valid` for good.
 */
export const ATTENDANCE_REVOKED_TEXT = '该培训报名已被取消，培训证明无效';

/** `GET /api/certificates/:code` (public, no sign-in): the unit's live standing, no personal data. */
export const CERTIFICATE_KINDS = ['membership', 'attendance'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export const certificateVerificationSchema = z.object({
  /** 电子会员证书, or a training's certificate of attendance (培训证明); one code space, one page. */
  kind: z.enum(CERTIFICATE_KINDS),
  valid: z.boolean(),
  /** The member unit (membership), or the attendee's unit as they registered it (may be empty). */
  unitName: z.string(),
  /** null on a certificate of attendance. */
  level: levelCodeSchema.nullable(),
  /** A certificate of attendance: who attended what, when, for how many hours. */
  attendance: z
    .object({ name: z.string(), eventTitle: z.string(), attendedOn: z.iso.date(), hours: z.number() })
    .nullable(),
  /** The certificate's own year's last day, YYYY-12-31. */
  validThrough: z.iso.date(),
  status: certificateStatusSchema,
  statusText: z.string(),
  /** The certificate's number, printed on it, so a reader can compare. */
  number: z.string(),
  year: z.number().int(),
});
export type CertificateVerification = z.infer<typeof certificateVerificationSchema>;

export const CertificateError = defineErrors({
  /** A certificate of a unit whose current year's bills are not all paid or waived. */
  NotPaid: {
    code: 'CERTIFICATE_NOT_PAID',
    status: 409,
    message: '本年度会费尚未缴清，缴清后即可领取电子会员证书',
  },
  /** A certificate of a suspended or removed unit. */
  UnitInactive: {
    code: 'CERTIFICATE_UNIT_INACTIVE',
    status: 409,
    message: '该单位会籍不在有效状态，暂不能领取电子会员证书',
  },
  /** A malformed, unknown or tampered code. */
  NotFound: {
    code: 'CERTIFICATE_NOT_FOUND',
    status: 404,
    message: '未找到该证书，请核对二维码或校验码',
  },
});

export const CERTIFICATE_AUDIT_ACTIONS = defineAuditActions({
  'certificate.issued': '颁发电子会员证书',
});
