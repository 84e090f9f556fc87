import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import { ErrorCode, errorMessage } from '@itss/shared';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/config';

/**
 * What the HTTP layer enforces on every request before a controller runs: who the client is behind
 * a proxy, how long a request may take to arrive, what the browser may do with our pages, and the
 * `{ code, message }` shape for the errors that Fastify and Node raise themselves.
 */

/**
 * Fastify's `trustProxy` for the configured value. A hop count is a function because Fastify 5.12
 * treats a bare number as "trust nobody" (a direct client could otherwise claim any address by
 * sending enough hops); with a function the operator's hop count applies as proxy-addr documents it:
 * the socket's peer is hop 0, the last X-Forwarded-For entry hop 1, and so on.
 */
export function fastifyTrustProxy(
  trustProxy: AppConfig['trustProxy'],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  return trustProxy;
}

/** Node's request timers: the whole request (headers and body) must arrive within `requestTimeoutMs`. */
export function requestTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    http: {
      headersTimeout: Math.min(60_000, requestTimeoutMs),
      // Node looks for expired requests every 30 s by default, which would let a stalled request
      // live up to twice its timeout; a second is cheap and keeps the bound close to the setting.
      connectionsCheckingInterval: Math.min(1000, requestTimeoutMs),
    },
  };
}

const SOCKET_ERRORS: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: ErrorCode.RequestTimeout,
  HPE_HEADER_OVERFLOW: ErrorCode.HeadersTooLarge,
};

/**
 * Errors Node raises on the socket before Fastify has a request (a timeout, oversized headers, a
 * malformed request line): answered in our error shape on the raw socket, then the socket is
 * closed, as Node and Fastify do by default.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = SOCKET_ERRORS[error.code ?? ''] ?? ErrorCode.BadRequest;
  const status = code === ErrorCode.RequestTimeout ? 408 : code === ErrorCode.HeadersTooLarge ? 431 : 400;
  const body = JSON.stringify({ code, message: errorMessage(code) });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy();
}

/** Hashes of the inline scripts of the H5 index.html (Taro's font-size bootstrap), for the CSP. */
function inlineScriptHashes(h5Dir: string): string[] {
  const index = join(h5Dir, 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  );
}

/**
 * Taro's H5 tab bar renders its tabs as `<a href="javascript:;">`: a click runs that URL, which the
 * CSP blocks (and the browser reports) unless its hash is allowed with 'unsafe-hashes'. The hash
 * allows exactly this no-op and nothing else.
 */
const TARO_TAB_HREF = `'sha256-${createHash('sha256').update('javascript:;').digest('base64')}'`;

/**
 * Security headers for the API and the H5 app. The CSP allows the app's own files only: its one
 * inline script by hash (computed from the build being served, so a rebuild needs no edit here),
 * the tab bar's no-op link, inline styles (Taro and its components set style attributes and insert
 * style elements at run time), and data: images and fonts (icons inlined by the build); no eval
 * (the mini-program runs zod without it). No page may frame ours: the 工作台 must not be clickjacked.
 */
export function helmetOptions(h5Dir: string): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(h5Dir), "'unsafe-hashes'", TARO_TAB_HREF],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  };
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Two defaults for every response, so a new route is safe without remembering them:
 * - `Cache-Control: no-store` unless the route says otherwise (the H5 files do): logins and
 *   personal data must not stay in a browser's or a proxy's cache;
 * - 405 with `Allow` for a path that exists under another method, instead of 404. The static
 *   files' catch-all route is left out, or every path would "exist" for GET.
 */
export function addResponseDefaults(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('cache-control', 'no-store');
    // Matched a route of its own: nothing to decide. A GET that only the static files' catch-all
    // took (GET /api/auth/wechat) is still a wrong method for a known path.
    if (!request.is404 && !(request.routeOptions.url ?? '').includes('*')) {
      done();
      return;
    }
    const allowed = METHODS.filter((method) => {
      const route = fastify.findRoute({ method, url: request.url });
      return route !== null && !('*' in (route.params as Record<string, unknown>));
    });
    if (allowed.length === 0) {
      done();
      return;
    }
    void reply
      .code(405)
      .header('allow', allowed.join(', '))
      .send({ code: ErrorCode.MethodNotAllowed, message: errorMessage(ErrorCode.MethodNotAllowed) });
  });
}

/**
 * The base URL at which this server reaches its own WeChat stand-in, from the address it really
 * bound: the configured PORT may be 0 (any free port) and HOST one interface rather than loopback.
 */
export function standinBaseUrl(address: AddressInfo, prefix: string): string {
  const host =
    address.address === '0.0.0.0'
      ? '127.0.0.1'
      : address.address === '::'
        ? '[::1]'
        : address.family === 'IPv6'
          ? `[${address.address}]`
          : address.address;
  return `http://${host}:${address.port}${prefix}`;
}
