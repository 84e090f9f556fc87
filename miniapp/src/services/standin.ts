import { request, type ResponseSchema } from './http';

/**
 * The development server's WeChat stand-in (same origin in H5). There is no wx.login in a browser,
 * so the H5 build logs in as a demo persona whose codes the stand-in hands out.
 */
const STANDIN = '/__wechat/__standin';

export interface Persona {
  key: string;
  label: string;
  displayName: string;
}

function isPersona(value: unknown): value is Persona {
  if (typeof value !== 'object' || value === null) return false;
  const { key, label, displayName } = value as Record<string, unknown>;
  return typeof key === 'string' && typeof label === 'string' && typeof displayName === 'string';
}

const personasSchema: ResponseSchema<Persona[]> = {
  safeParse(input) {
    const personas = (input as { personas?: unknown } | null)?.personas;
    if (!Array.isArray(personas) || !personas.every(isPersona)) return { success: false };
    return {
      success: true,
      data: personas.map(({ key, label, displayName }) => ({ key, label, displayName })),
    };
  },
};

const codeSchema: ResponseSchema<string> = {
  safeParse(input) {
    const code = (input as { code?: unknown } | null)?.code;
    return typeof code === 'string' && code ? { success: true, data: code } : { success: false };
  },
};

export function getPersonas(): Promise<Persona[]> {
  return request({ path: `${STANDIN}/personas`, schema: personasSchema, auth: false });
}

export function getStandinLoginCode(persona: string): Promise<string> {
  return request({
    path: `${STANDIN}/login-code`,
    method: 'POST',
    data: { persona },
    schema: codeSchema,
    auth: false,
  });
}

export function getStandinPhoneCode(persona: string): Promise<string> {
  return request({
    path: `${STANDIN}/phone-code`,
    method: 'POST',
    data: { persona },
    schema: codeSchema,
    auth: false,
  });
}
