import { z } from 'zod';

/**
 * The control API of the local WeChat stand-in (development and tests only, at /__wechat/__standin).
 * A browser has no wx.login, so the H5 build logs in as a demo persona whose codes come from here.
 */
export const standinPersonaSchema = z.object({
  key: z.string(),
  label: z.string(),
  displayName: z.string(),
  openid: z.string(),
  phone: z.string(),
});
export type StandinPersona = z.infer<typeof standinPersonaSchema>;

export const standinPersonasResponseSchema = z.object({ personas: z.array(standinPersonaSchema) });
export type StandinPersonasResponse = z.infer<typeof standinPersonasResponseSchema>;

export const standinCodeResponseSchema = z.object({ code: z.string().min(1) });
export type StandinCodeResponse = z.infer<typeof standinCodeResponseSchema>;
