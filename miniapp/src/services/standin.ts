import {
  ErrorCode,
  type StandinPersona,
  standinCodeResponseSchema,
  standinPersonasResponseSchema,
} from '@itss/shared';
import { ApiError, request } from './http';

/**
 * The development server's WeChat stand-in (same origin in H5). There is no wx.login in a browser,
 * so the H5 build logs in as a demo persona whose codes the stand-in hands out.
 */
const STANDIN = '/__wechat/__standin';

export type Persona = Pick<StandinPersona, 'key' | 'label' | 'displayName'>;

/**
 * The demo personas, or none where no stand-in is served (a production H5 build): the page then
 * explains that login happens in WeChat.
 */
export async function getPersonas(): Promise<Persona[]> {
  try {
    const { personas } = await request({
      path: `${STANDIN}/personas`,
      schema: standinPersonasResponseSchema,
      auth: false,
    });
    return personas.map(({ key, label, displayName }) => ({ key, label, displayName }));
  } catch (error) {
    if (error instanceof ApiError && error.code === ErrorCode.NotFound) return [];
    throw error;
  }
}

export async function getStandinLoginCode(persona: string): Promise<string> {
  const { code } = await request({
    path: `${STANDIN}/login-code`,
    method: 'POST',
    data: { persona },
    schema: standinCodeResponseSchema,
    auth: false,
  });
  return code;
}

export async function getStandinPhoneCode(persona: string): Promise<string> {
  const { code } = await request({
    path: `${STANDIN}/phone-code`,
    method: 'POST',
    data: { persona },
    schema: standinCodeResponseSchema,
    auth: false,
  });
  return code;
}
