import { pdfImages, pdfText, qrOfImage } from '../../../test/certificates/pdf-reading';
import { attendancePdf } from './attendance-design';
import { certificatePdf } from './certificate-pdf';
import { certificatePng } from './certificate-png';

const FACTS = {
  unitName: '北京示例信息技术服务有限公司',
  level: 'committee' as const,
  year: 2026,
  number: 'ITSS-2026-000123',
  issuedOn: '2026-12-07',
  verifyUrl: 'https://itss.example.org/verify?code=ABCDEFGHIJKLMNOPQRST',
};

describe('certificate rendering', () => {
  it('writes a one-page PDF whose text and QR code read back, under 200 KB', async () => {
    const started = performance.now();
    const pdf = await certificatePdf(FACTS);
    const first = performance.now() - started;
    const again = performance.now();
    await certificatePdf(FACTS);
    const warm = performance.now() - again;
    console.log(`pdf ${pdf.length} bytes, first ${first.toFixed(0)} ms, warm ${warm.toFixed(0)} ms`);
    expect(pdf.length).toBeLessThanOrEqual(200 * 1024);
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBe(1);
    for (const wanted of [
      '电子会员证书',
      FACTS.unitName,
      '委员单位',
      '2026年度',
      FACTS.number,
      '中国电子工业标准化技术协会信息技术服务分会',
      '有效期至：2026年12月31日',
    ]) {
      expect(text.replace(/\s/g, '')).toContain(wanted);
    }
    const images = await pdfImages(pdf);
    const decoded = await Promise.all(images.map(qrOfImage));
    expect(decoded).toContain(FACTS.verifyUrl);
  });

  it('draws the same certificate as a PNG whose QR code decodes', async () => {
    const started = performance.now();
    const png = await certificatePng(FACTS);
    console.log(`png ${png.length} bytes, ${(performance.now() - started).toFixed(0)} ms`);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(await qrOfImage(png)).toBe(FACTS.verifyUrl);
  });

  it('draws a name of rare characters from the embedded font', async () => {
    const pdf = await certificatePdf({ ...FACTS, unitName: '龘靐齉爨有限公司' });
    expect((await pdfText(pdf)).text).toContain('龘靐齉爨有限公司');
  });

  it('draws a certificate of attendance in the same frame: its words, a rare name and the QR read back', async () => {
    const facts = {
      name: '龘靐',
      unitName: '北京示例信息技术服务有限公司',
      eventTitle: 'ITSS 运维标准宣贯培训（北京站）',
      attendedOn: '2026-12-08',
      hours: 6.5,
      number: 'ITSS-PX-2026-000042',
      issuedOn: '2026-12-09',
      verifyUrl: 'https://itss.example.org/verify?code=ABCDEFGHIJKLMNOPQRST',
    };
    const pdf = await attendancePdf(facts);
    expect(pdf.length).toBeLessThanOrEqual(200 * 1024);
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBe(1);
    for (const wanted of [
      '培训证明',
      '龘靐',
      facts.unitName,
      facts.eventTitle,
      '2026年12月8日',
      '6.5学时',
      facts.number,
    ]) {
      expect(text.replace(/\s/g, '')).toContain(wanted.replace(/\s/g, ''));
    }
    const decoded = await Promise.all((await pdfImages(pdf)).map(qrOfImage));
    expect(decoded).toContain(facts.verifyUrl);
  });
});
