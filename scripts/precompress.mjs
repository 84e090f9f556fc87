// Part of the H5 build: writes a brotli (.br) and a gzip (.gz) copy beside every text file of
// miniapp/dist/h5, at the highest settings, once per build, so the server sends them as they are
// (@fastify/static's preCompressed) instead of compressing on every request. Alone:
// node scripts/precompress.mjs [folder]
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ROOT } from './lib.mjs';

/** What a browser loads as text; images are compressed already and LICENSE files are never fetched. */
const TEXT = /\.(js|css|html|json|svg)$/;

function files(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** Compresses every text file of `dir`; returns the bytes before and after brotli. */
export function precompress(dir = join(ROOT, 'miniapp/dist/h5')) {
  let raw = 0;
  let brotli = 0;
  for (const file of files(dir).filter((path) => TEXT.test(path))) {
    const bytes = readFileSync(file);
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }));
    raw += bytes.length;
    brotli += br.length;
  }
  return { raw, brotli };
}

if (process.argv[1] === import.meta.filename) {
  const { raw, brotli } = precompress(process.argv[2]);
  console.log(
    `precompressed: ${Math.round(raw / 1024)} KB of text, ${Math.round(brotli / 1024)} KB in brotli`,
  );
}
