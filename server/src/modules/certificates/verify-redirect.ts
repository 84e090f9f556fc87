import { CERTIFICATE_CODE_PATTERN, CERTIFICATE_VERIFY_PAGE } from '@itss/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The path the certificate's QR code links to, on the server's root (outside /api). */
export const VERIFY_PATH = '/verify';

/**
 * What a certificate's QR code holds, of either kind: PUBLIC_URL's origin when configured, else the
 * one the request came in on.
 */
export function verifyUrlOf(
  publicUrl: string | null | undefined,
  request: FastifyRequest,
  code: string,
): string {
  const origin = publicUrl ?? `${request.protocol}://${request.host}`;
  return `${origin}${VERIFY_PATH}?code=${code}`;
}

/**
 * `GET /verify?code=` → the H5 build's verification page (hash router) with the code, so a QR code
 * scanned by any phone camera opens the page in a browser. Only a well-formed code is passed on;
 * anything else opens the page without one, which says the certificate was not found.
 */
export function registerVerifyRedirect(fastify: FastifyInstance): void {
  fastify.get(VERIFY_PATH, (request, reply) => {
    const { code } = (request.query ?? {}) as { code?: unknown };
    const query = typeof code === 'string' && CERTIFICATE_CODE_PATTERN.test(code) ? `?code=${code}` : '';
    void reply.redirect(`/#/${CERTIFICATE_VERIFY_PAGE}${query}`, 302);
  });
}
