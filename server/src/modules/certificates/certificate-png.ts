import QRCode from 'qrcode';
import sharp from 'sharp';
import { ACCENT, type CertificateFacts, GOLD, PAGE, certificateFont, layoutOf } from './certificate-design';

/** Pixels per point: 2,000 px wide or so, sharp enough on a phone and to print. */
const SCALE = 2.4;

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The text as one SVG path of its glyphs' outlines, placed at its baseline. */
function textPath(text: string, size: number, x: number, baseline: number, color: string): string {
  const font = certificateFont();
  const run = font.layout(text);
  const scale = size / font.unitsPerEm;
  let pen = 0;
  const parts: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i]!;
    const d = glyph.path.toSVG();
    if (d) {
      const gx = x + (pen + position.xOffset) * scale;
      const gy = baseline - position.yOffset * scale;
      parts.push(
        `<path transform="translate(${gx.toFixed(2)} ${gy.toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})" d="${escapeAttr(d)}"/>`,
      );
    }
    pen += position.xAdvance;
  });
  return `<g fill="${color}">${parts.join('')}</g>`;
}

/** The QR code as squares, crisp at any scale. */
function qrRects(url: string, x: number, y: number, size: number): string {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const margin = 1;
  const cell = size / (count + 2 * margin);
  const rects: string[] = [`<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#fff"/>`];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) {
        const rx = x + (col + margin) * cell;
        const ry = y + (row + margin) * cell;
        rects.push(
          `<rect x="${rx.toFixed(3)}" y="${ry.toFixed(3)}" width="${(cell + 0.02).toFixed(3)}" height="${(cell + 0.02).toFixed(3)}"/>`,
        );
      }
    }
  }
  return `<g fill="#000" shape-rendering="crispEdges">${rects.join('')}</g>`;
}

/** The same certificate as the PDF, as a PNG image to save to the phone's album. */
export async function certificatePng(facts: CertificateFacts): Promise<Buffer> {
  const layout = layoutOf(facts);
  const { width, height } = PAGE;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(width * SCALE)}" height="${Math.round(height * SCALE)}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#fffdf7"/>`,
    `<rect x="20" y="20" width="${width - 40}" height="${height - 40}" fill="none" stroke="${ACCENT}" stroke-width="3"/>`,
    `<rect x="30" y="30" width="${width - 60}" height="${height - 60}" fill="none" stroke="${GOLD}" stroke-width="1"/>`,
    ...layout.texts.map((t) => textPath(t.text, t.size, t.x, t.baseline, t.color)),
    qrRects(facts.verifyUrl, layout.qr.x, layout.qr.y, layout.qr.size),
    '</svg>',
  ].join('');
  return sharp(Buffer.from(svg))
    .png({ palette: true, colours: 64, effort: 1, compressionLevel: 6 })
    .toBuffer();
}
