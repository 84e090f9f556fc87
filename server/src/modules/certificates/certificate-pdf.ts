import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import sharp from 'sharp';
import {
  ACCENT,
  type CertificateFacts,
  GOLD,
  type Layout,
  PAGE,
  certificateFont,
  layoutOf,
} from './certificate-design';

/** Pixels per QR module in the embedded image. */
const MODULE_PX = 6;

/**
 * The QR code as an 8-bit grayscale PNG without alpha: pdfkit embeds such a file's data as it is
 * (no decoding in JavaScript), which keeps the document fast to make.
 */
async function qrPng(text: string): Promise<Buffer> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const side = (count + 2) * MODULE_PX;
  const pixels = Buffer.alloc(side * side, 255);
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < MODULE_PX; dy++) {
        const start = ((row + 1) * MODULE_PX + dy) * side + (col + 1) * MODULE_PX;
        pixels.fill(0, start, start + MODULE_PX);
      }
    }
  }
  return sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
    .png()
    .toBuffer();
}

/** The membership certificate as a PDF. */
export function certificatePdf(facts: CertificateFacts): Promise<Buffer> {
  return drawCertificatePdf(layoutOf(facts), facts.verifyUrl, {
    title: '电子会员证书',
    subject: facts.unitName,
  });
}

/**
 * A one-page A4 landscape PDF of either kind of certificate: its text in the embedded font, subset
 * by pdfkit to the glyphs used (so the file stays small), and the QR code of the verification link
 * as an image.
 */
export async function drawCertificatePdf(
  layout: Layout,
  verifyUrl: string,
  info: { title: string; subject: string },
): Promise<Buffer> {
  const qr = await qrPng(verifyUrl);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: info.title, Author: '信息技术服务分会', Subject: info.subject },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const font = certificateFont();
  doc.registerFont('cjk', font as unknown as PDFKit.Mixins.PDFFontSource);
  doc
    .rect(20, 20, PAGE.width - 40, PAGE.height - 40)
    .lineWidth(3)
    .stroke(ACCENT);
  doc
    .rect(30, 30, PAGE.width - 60, PAGE.height - 60)
    .lineWidth(1)
    .stroke(GOLD);
  doc.font('cjk');
  const ascent = font.ascent / font.unitsPerEm;
  for (const item of layout.texts) {
    doc
      .fontSize(item.size)
      .fillColor(item.color)
      .text(item.text, item.x, item.baseline - ascent * item.size, { lineBreak: false });
  }
  doc.image(qr, layout.qr.x, layout.qr.y, { width: layout.qr.size, height: layout.qr.size });
  doc.end();
  return done;
}
