import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import sharp from 'sharp';

/**
 * Reading a certificate back as a person's tools would: its text through pdf.js (pdf-parse), its
 * QR code by decoding pixels (jsQR), from the PNG and from the image embedded in the PDF.
 */

export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  // The library's index runs a self-test when loaded as a main module: take its function directly.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parse = require('pdf-parse/lib/pdf-parse.js') as (
    data: Buffer,
  ) => Promise<{ text: string; numpages: number }>;
  const result = await parse(pdf);
  return { text: result.text, pages: result.numpages };
}

/** The QR code's text in an image file (PNG, JPEG), or null. */
export async function qrOfImage(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image)
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return (
    jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ??
    null
  );
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * The images a PDF embeds (image XObjects without a mask of their own, i.e. not soft masks), as
 * PNG files: a Flate stream with the PNG predictor is a PNG's IDAT as it is; one without is raw
 * samples, written out through sharp.
 */
export async function pdfImages(pdf: Buffer): Promise<Buffer[]> {
  const text = pdf.toString('latin1');
  const images: Buffer[] = [];
  const objects = /<<((?:(?!>>\s*stream)[\s\S])*?\/Subtype\s*\/Image[\s\S]*?)>>\s*stream\r?\n/g;
  for (let match = objects.exec(text); match; match = objects.exec(text)) {
    const dict = match[1]!;
    if (/\/ColorSpace\s*\/DeviceGray/.test(dict) && !/\/SMask/.test(dict) && /\/Decode\b/.test(dict))
      continue;
    const num = (key: string) => Number(new RegExp(`/${key}\\s+(\\d+)`).exec(dict)?.[1]);
    const length = num('Length');
    const start = match.index + match[0].length;
    const stream = pdf.subarray(start, start + length);
    const width = num('Width');
    const height = num('Height');
    const colors = /\/DeviceRGB/.test(dict) ? 3 : 1;
    if (/\/Predictor\s+1[0-5]/.test(dict)) {
      const header = Buffer.alloc(13);
      header.writeUInt32BE(width, 0);
      header.writeUInt32BE(height, 4);
      header[8] = num('BitsPerComponent');
      header[9] = colors === 3 ? 2 : 0;
      images.push(
        Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          chunk('IHDR', header),
          chunk('IDAT', stream),
          chunk('IEND', Buffer.alloc(0)),
        ]),
      );
    } else {
      const raw = /\/FlateDecode/.test(dict) ? inflateSync(stream) : stream;
      images.push(
        await sharp(raw, { raw: { width, height, channels: colors } })
          .png()
          .toBuffer(),
      );
    }
  }
  return images;
}
