import { CERTIFICATE_CODE_PATTERN } from '@itss/shared';

/** Decodes once, or answers null for text that is not valid percent-encoding. */
function decodeOnce(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** `code=` of a URL or query string. */
function codeParam(url: string): string | null {
  const match = /[?&#]code=([^&#]*)/.exec(url);
  return match ? (decodeOnce(match[1] ?? '') ?? null) : null;
}

export type VerifyCode = { kind: 'code'; code: string } | { kind: 'malformed' } | { kind: 'none' };

/**
 * The certificate code a verification page was opened with: `?code=` (the H5 address the server's
 * `/verify?code=` redirects to, a link inside the app), or `?q=` (WeChat, opened by scanning the
 * certificate's https QR: the scanned URL, URL-encoded, which holds `code=`). WeChat hands both over
 * still encoded; decoding is tried until the text stops changing. A code is read as typed apart from
 * spaces and case; anything that cannot be a code is `malformed`, never sent to the server.
 */
export function verifyCodeOf(params: Record<string, string | undefined>): VerifyCode {
  let raw: string | null = null;
  if (params.code) raw = params.code;
  else if (params.q) {
    let url = params.q;
    for (let round = 0; round < 3 && /%[0-9a-f]{2}/i.test(url); round += 1) {
      const decoded = decodeOnce(url);
      if (decoded === null) break;
      url = decoded;
    }
    raw = codeParam(url);
    if (raw === null) return { kind: 'malformed' };
  }
  if (raw === null) return { kind: 'none' };
  const decoded = /%[0-9a-f]{2}/i.test(raw) ? (decodeOnce(raw) ?? raw) : raw;
  const code = decoded.replace(/\s+/g, '').toUpperCase();
  return CERTIFICATE_CODE_PATTERN.test(code) ? { kind: 'code', code } : { kind: 'malformed' };
}
