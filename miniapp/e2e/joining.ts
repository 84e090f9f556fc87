import type { Application, ApplicationBody } from '@itss/shared';
import {
  type Answer,
  DEMO_APPLICATION,
  type StandinPersonaKey,
  builtServer,
  seeding,
} from '../../server/test/support/seed';

// The applicant's side through the seeding library, for browser tests whose subject is the staff pages.

export async function loginAs(baseUrl: string, persona: StandinPersonaKey): Promise<string> {
  return (await seeding(builtServer(baseUrl)).signIn({ persona })).token;
}

/** Calls the API as the holder of `token`; resolves to the answer's status and parsed body. */
export function api<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  return seeding(builtServer(baseUrl)).call<T>(token, method, path, body, headers);
}

export function submitApplication(
  baseUrl: string,
  token: string,
  licence: Buffer,
  overrides: Partial<ApplicationBody> = {},
): Promise<Application> {
  return seeding(builtServer(baseUrl)).submitApplication(
    token,
    { ...DEMO_APPLICATION, itssConformityLevel: '2', ...overrides },
    { bytes: licence },
  );
}
