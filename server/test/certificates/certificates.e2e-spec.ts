import {
  certificateSchema,
  certificateVerificationSchema,
  CERTIFICATE_CODE_PATTERN,
  CERTIFICATE_VERIFY_PAGE,
  LEVELS,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { withWechatPay } from '../payments/wechatpay';
import { type AuthEnv, bearer, seedOf, startAuthEnv } from '../support/auth-env';
import { atOnce, auditRows, type Call, tally, times } from '../support/concurrency';
import { person } from '../support/joining';
import { codeOf, send, thisYear } from '../dues/dues-support';
import { receiptStaff, unitWithPaidBill } from '../dues/receipts-support';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { CertificateEntity } from '../../src/modules/certificates/certificate.entity';
import { pdfImages, pdfText, qrOfImage } from './pdf-reading';
import { fetchBytes, paidUnitCertificate } from './support';

let sequence = 0;
const someone = (env: AuthEnv, roles: ('staff' | 'admin')[] = []) =>
  person(env, `o_certificate_${sequence++}`, roles);

describe('membership certificate', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv(withWechatPay);
  });
  afterAll(() => env.close());

  it("is issued once to a paid unit's contact, with a random code and a number of the year", async () => {
    const contact = await someone(env);
    const { unitId, certificate } = await paidUnitCertificate(env, contact.token);
    expect(certificate.code).toMatch(CERTIFICATE_CODE_PATTERN);
    expect(certificate.code).not.toContain(String(unitId));
    expect(certificate.number).toBe(`ITSS-${thisYear()}-${String(unitId).padStart(6, '0')}`);
    expect(certificate.year).toBe(thisYear());
    expect(certificate.validThrough).toBe(`${thisYear()}-12-31`);
    expect(certificate.verifyUrl).toBe(`${env.server.baseUrl}/verify?code=${certificate.code}`);
    const again = await env.server.get(`/api/units/${unitId}/certificate`, {
      headers: bearer(contact.token),
    });
    expect(certificateSchema.parse(again.body).code).toBe(certificate.code);
    const staff = await receiptStaff(env);
    const byStaff = await env.server.get(`/api/units/${unitId}/certificate`, {
      headers: bearer(staff.token),
    });
    expect(certificateSchema.parse(byStaff.body).code).toBe(certificate.code);
    const audited = (await auditRows(env, 'certificate.issued')).filter(
      (row) => row.target === `unit:${unitId}`,
    );
    expect(audited).toHaveLength(1);
  });

  it('downloads as a one-page PDF under 200 KB whose text and QR code read back', async () => {
    const contact = await someone(env);
    const { unitId, certificate } = await paidUnitCertificate(env, contact.token);
    const res = await fetchBytes(env, `/api/units/${unitId}/certificate.pdf`, contact.token);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.bytes.length).toBeLessThanOrEqual(200 * 1024);
    const { text, pages } = await pdfText(res.bytes);
    expect(pages).toBe(1);
    const flat = text.replace(/\s/g, '');
    for (const wanted of [
      '电子会员证书',
      certificate.unitName,
      LEVELS.find((level) => level.code === certificate.level)!.name,
      `${certificate.year}年度`,
      certificate.number,
      `有效期至：${certificate.year}年12月31日`,
      '中国电子工业标准化技术协会信息技术服务分会',
    ]) {
      expect(flat).toContain(wanted);
    }
    const decoded = await Promise.all((await pdfImages(res.bytes)).map(qrOfImage));
    expect(decoded).toContain(certificate.verifyUrl);
  });

  it('shows as a PNG image whose QR code opens the verification link', async () => {
    const contact = await someone(env);
    const { unitId, certificate } = await paidUnitCertificate(env, contact.token);
    const res = await fetchBytes(env, `/api/units/${unitId}/certificate.png`, contact.token);
    expect(res.status).toBe(200);
    expect(res.type).toBe('image/png');
    expect(await qrOfImage(res.bytes)).toBe(certificate.verifyUrl);
  });

  it("is 404 to another unit's contact, and 409 saying why for an unpaid or inactive unit", async () => {
    const contact = await someone(env);
    const { unitId } = await paidUnitCertificate(env, contact.token);
    const other = await someone(env);
    for (const suffix of ['', '.pdf', '.png']) {
      expect(
        codeOf(await send(env, other.token, 'GET', `/api/units/${unitId}/certificate${suffix}`)),
      ).toEqual([404, 'NOT_FOUND']);
    }
    expect(codeOf(await send(env, other.token, 'GET', `/api/units/999999/certificate`))).toEqual([
      404,
      'NOT_FOUND',
    ]);

    const unpaid = await someone(env);
    const staff = await receiptStaff(env);
    const { unit } = await seedOf(env).memberUnit(unpaid.token, staff.token);
    for (const suffix of ['', '.pdf', '.png']) {
      const res = await send(env, unpaid.token, 'GET', `/api/units/${unit.id}/certificate${suffix}`);
      expect(codeOf(res)).toEqual([409, 'CERTIFICATE_NOT_PAID']);
      expect((res.body as { message: string }).message).toMatch(/会费/);
    }

    const suspended = await send(env, staff.token, 'PATCH', `/api/units/${unitId}/status`, {
      status: 'suspended',
      reason: '测试暂停',
    });
    expect(suspended.status).toBe(200);
    expect(codeOf(await send(env, contact.token, 'GET', `/api/units/${unitId}/certificate`))).toEqual([
      409,
      'CERTIFICATE_UNIT_INACTIVE',
    ]);
  });

  it('verifies publicly with the live standing and nothing personal', async () => {
    const contact = await someone(env);
    const { unitId, certificate } = await paidUnitCertificate(env, contact.token);
    const verify = async () => {
      const res = await env.server.get(`/api/certificates/${certificate.code}`);
      expect(res.status).toBe(200);
      return certificateVerificationSchema.parse(res.body);
    };
    const fresh = await verify();
    expect(fresh).toEqual({
      kind: 'membership',
      attendance: null,
      valid: true,
      unitName: certificate.unitName,
      level: certificate.level,
      validThrough: certificate.validThrough,
      status: 'valid',
      statusText: '有效',
      number: certificate.number,
      year: certificate.year,
    });

    // The year's bills no longer settled (a refund, or a second bill after an upgrade).
    const bills = env.server.app.get(DataSource).getRepository(BillEntity);
    await bills.update({ unitId, year: thisYear() }, { status: 'partially_paid' });
    expect(await verify()).toMatchObject({ valid: false, status: 'unpaid' });
    await bills.update({ unitId, year: thisYear() }, { status: 'paid' });
    expect(await verify()).toMatchObject({ valid: true, status: 'valid' });

    const staff = await receiptStaff(env);
    await send(env, staff.token, 'PATCH', `/api/units/${unitId}/status`, {
      status: 'suspended',
      reason: '测试暂停',
    });
    const suspended = await verify();
    expect([suspended.valid, suspended.status]).toEqual([false, 'suspended']);
    expect(suspended.statusText).toMatch(/暂停/);
    await send(env, staff.token, 'PATCH', `/api/units/${unitId}/status`, {
      status: 'removed',
      reason: '测试除名',
    });
    const removed = await verify();
    expect([removed.valid, removed.status]).toEqual([false, 'removed']);
    expect(removed.statusText).toMatch(/除名/);
  });

  it('reads a certificate of an earlier year as expired', async () => {
    const contact = await someone(env);
    const { unitId } = await paidUnitCertificate(env, contact.token);
    const code = 'AAAAAAAAAAAAAAAAAAA2';
    await env.server.app
      .get(DataSource)
      .getRepository(CertificateEntity)
      .insert({
        unitId,
        year: thisYear() - 1,
        number: `ITSS-${thisYear() - 1}-${String(unitId).padStart(6, '0')}`,
        code,
        issuedAt: new Date(),
      });
    const res = await env.server.get(`/api/certificates/${code}`);
    expect(certificateVerificationSchema.parse(res.body)).toMatchObject({
      valid: false,
      status: 'expired',
      validThrough: `${thisYear() - 1}-12-31`,
    });
  });

  it('answers a malformed, unknown or tampered code with 404 and nothing about any unit', async () => {
    const contact = await someone(env);
    const { certificate } = await paidUnitCertificate(env, contact.token);
    const last = certificate.code.slice(-1);
    const tampered = certificate.code.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    for (const code of [
      tampered,
      certificate.code.toLowerCase(),
      certificate.code.slice(0, -1),
      `${certificate.code}A`,
      'ZZZZZZZZZZZZZZZZZZZZ',
      '1',
      encodeURIComponent("' OR 1=1 --"),
      'x'.repeat(100),
    ]) {
      const res = await env.server.get(`/api/certificates/${code}`);
      expect([code.slice(0, 30), codeOf(res)]).toEqual([code.slice(0, 30), [404, 'CERTIFICATE_NOT_FOUND']]);
      expect(JSON.stringify(res.body)).not.toContain(certificate.unitName);
      expect(Object.keys(res.body as object).sort()).toEqual(['code', 'message']);
    }
  });

  it('two (five) first requests at once make one certificate, issued and audited once', async () => {
    const contact = await someone(env);
    const { unitId } = await unitWithPaidBill(env, contact.token);
    const call = {
      method: 'GET',
      path: `/api/units/${unitId}/certificate`,
      token: contact.token,
    } as unknown as Call;
    const answers = await atOnce(env, times(5, call));
    expect(tally(answers)).toEqual({ '200': 5 });
    const codes = new Set(answers.map(({ body }) => certificateSchema.parse(body).code));
    expect(codes.size).toBe(1);
    const rows = await env.server.app.get(DataSource).getRepository(CertificateEntity).findBy({ unitId });
    expect(rows).toHaveLength(1);
    expect(
      (await auditRows(env, 'certificate.issued')).filter((row) => row.target === `unit:${unitId}`),
    ).toHaveLength(1);
  });

  it('sends /verify?code= on to the H5 verification page', async () => {
    const redirect = async (query: string) => {
      const res = await fetch(`${env.server.baseUrl}/verify${query}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      return res.headers.get('location');
    };
    expect(await redirect('?code=ABCDEFGHIJKLMNOPQRS2')).toBe(
      `/#/${CERTIFICATE_VERIFY_PAGE}?code=ABCDEFGHIJKLMNOPQRS2`,
    );
    expect(await redirect('?code=<script>')).toBe(`/#/${CERTIFICATE_VERIFY_PAGE}`);
    expect(await redirect('')).toBe(`/#/${CERTIFICATE_VERIFY_PAGE}`);
  });
});
