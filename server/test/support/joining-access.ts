import type { AuthEnv } from './auth-env';
import { PNG, person } from './joining';
import type { Caller } from './role-matrix';

let sequence = 0;

/**
 * The session to make a route's object with: the caller's own, so the matrix checks roles on the
 * caller's own objects (object tests check other people's); for the anonymous persona, someone's.
 */
export async function ownerToken(env: AuthEnv, caller: Caller): Promise<string> {
  return caller.token ?? (await person(env, `o_matrix_owner_${sequence++}`)).token;
}

/** A PNG in the multipart field `file`. */
export function pngForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '营业执照.png');
  return form;
}
