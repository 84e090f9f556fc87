// A small HTTP client on node:http: the test file runs in jsdom (it plays WeChat's WebView), where
// Node's fetch is not a global.
const http = require('node:http');
const https = require('node:https');

/**
 * @typedef {object} HttpResponse
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {string} body
 * @property {Buffer} bytes the body as received (images, spreadsheets)
 */

/**
 * @param {{ url: string, method?: string, headers?: Record<string, string>, body?: string | Buffer, timeout?: number }} options
 * @returns {Promise<HttpResponse>}
 */
function httpRequest({ url, method = 'GET', headers = {}, body, timeout = 15000 }) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    // A body goes with its length, as WeChat sends it (a chunked DELETE body is refused by Node's parser).
    const sent =
      body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const request = client.request(target, { method, headers: sent, timeout }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        /** @type {Record<string, string>} */
        const flat = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: flat, body: bytes.toString('utf8'), bytes });
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`timeout after ${timeout} ms`)));
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

module.exports = { httpRequest };
