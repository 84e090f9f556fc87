import {
  CERTIFICATE_CODE_PATTERN,
  attendanceCertificateSchema,
  certificateVerificationSchema,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { AttendanceCertificateEntity } from '../../src/modules/events/attendance-certificate.entity';
import { fetchBytes } from '../certificates/support';
import { pdfImages, pdfText, qrOfImage } from '../certificates/pdf-reading';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { eventsRepo, publishedEvent, registered, registrationsRepo, scanAt, ticketOf } from './door-support';

describe('certificates of attendance', () => {
  let env: AuthEnv;
  let staff: string;
  let attendee: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = (await person(env, 'o_cert_staff', ['staff'])).token;
    attendee = await person(env, 'o_cert_attendee');
  });
  afterAll(() => env.close());

  const get = (path: string, token: string | null) =>
    env.server.get(path, { headers: token ? bearer(token) : {} });
  const code = (res: { body: unknown }) => (res.body as { code: string }).code;

  /** A training attended: registered, then checked in through the door. */
  async function attended(options: { kind?: 'training' | 'lecture' } = {}) {
    const event = await publishedEvent(env, options);
    const id = await registered(env, event, attendee.id, { name: '刘一', unitName: '深圳示例科技有限公司' });
    const res = await scanAt(env, staff, event.eventId, { ticketCode: ticketOf(env, id) });
    expect(res.status).toBe(200);
    return { event, id };
  }

  it('issues the attendee a certificate once, with its number, code and verification link', async () => {
    const { event, id } = await attended();
    const res = await get(`/api/registrations/${id}/certificate`, attendee.token);
    expect(res.status).toBe(200);
    const certificate = attendanceCertificateSchema.parse(res.body);
    const { title } = await eventsRepo(env).findOneByOrFail({ id: event.eventId });
    expect(certificate).toEqual({
      code: expect.stringMatching(CERTIFICATE_CODE_PATTERN) as string,
      number: expect.stringMatching(new RegExp(`^ITSS-PX-\\d{4}-${String(id).padStart(6, '0')}$`)) as string,
      name: '刘一',
      eventTitle: title,
      attendedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
      hours: 3.5,
      verifyUrl: `${env.server.baseUrl}/verify?code=${certificate.code}`,
      issuedAt: expect.any(String) as string,
    });
    const again = await get(`/api/registrations/${id}/certificate`, staff);
    expect(again.body).toEqual(certificate);

    const verification = await get(`/api/certificates/${certificate.code}`, null);
    expect(verification.status).toBe(200);
    expect(certificateVerificationSchema.parse(verification.body)).toEqual({
      kind: 'attendance',
      valid: true,
      unitName: '深圳示例科技有限公司',
      level: null,
      attendance: { name: '刘一', eventTitle: title, attendedOn: certificate.attendedOn, hours: 3.5 },
      validThrough: `${certificate.attendedOn.slice(0, 4)}-12-31`,
      status: 'valid',
      statusText: '有效',
      number: certificate.number,
      year: Number(certificate.attendedOn.slice(0, 4)),
    });
  });

  it('draws the PDF with the name, training, date, hours, number and a QR code of the link', async () => {
    const { id } = await attended();
    const certificate = attendanceCertificateSchema.parse(
      (await get(`/api/registrations/${id}/certificate`, attendee.token)).body,
    );
    const res = await fetchBytes(env, `/api/registrations/${id}/certificate.pdf`, attendee.token);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`${certificate.number}.pdf`);
    const { text, pages } = await pdfText(res.bytes);
    expect(pages).toBe(1);
    const [y, m, d] = certificate.attendedOn.split('-').map(Number);
    for (const wanted of [
      '培训证明',
      '刘一',
      '深圳示例科技有限公司',
      certificate.eventTitle,
      `${y}年${m}月${d}日`,
      '3.5学时',
      certificate.number,
    ]) {
      expect(text.replace(/\s/g, '')).toContain(wanted.replace(/\s/g, ''));
    }
    const decoded = await Promise.all((await pdfImages(res.bytes)).map(qrOfImage));
    expect(decoded).toContain(certificate.verifyUrl);
  });

  it('is the attendee’s and staff’s: anyone else, and an unknown registration, 404 alike', async () => {
    const { id } = await attended();
    const stranger = await person(env, 'o_cert_stranger');
    for (const path of [`/api/registrations/${id}/certificate`, `/api/registrations/${id}/certificate.pdf`]) {
      const res = await get(path, stranger.token);
      expect([res.status, code(res)]).toEqual([404, 'REGISTRATION_NOT_FOUND']);
      expect((await get(path, staff)).status).toBe(200);
    }
    const unknown = await get('/api/registrations/987654/certificate', attendee.token);
    expect([unknown.status, code(unknown)]).toEqual([404, 'REGISTRATION_NOT_FOUND']);
    expect((await get('/api/registrations/abc/certificate', attendee.token)).status).toBe(400);
  });

  it('is only for checked-in attendees of a training (409 otherwise)', async () => {
    const training = await publishedEvent(env);
    const notYet = await registered(env, training, attendee.id);
    const { id: lecture } = await attended({ kind: 'lecture' });
    for (const id of [notYet, lecture]) {
      for (const suffix of ['certificate', 'certificate.pdf']) {
        const res = await get(`/api/registrations/${id}/${suffix}`, attendee.token);
        expect([res.status, code(res)]).toEqual([409, 'REGISTRATION_NO_CERTIFICATE']);
      }
    }
    const certificates = env.server.app.get(DataSource).getRepository(AttendanceCertificateEntity);
    expect(await certificates.countBy({ registrationId: notYet })).toBe(0);
  });

  it('says a certificate of a registration cancelled since is no longer valid', async () => {
    const { id } = await attended();
    const certificate = attendanceCertificateSchema.parse(
      (await get(`/api/registrations/${id}/certificate`, attendee.token)).body,
    );
    await registrationsRepo(env).update(
      { id },
      { state: 'cancelled', liveUserId: null, cancelledAt: new Date() },
    );
    const verification = certificateVerificationSchema.parse(
      (await get(`/api/certificates/${certificate.code}`, null)).body,
    );
    expect(verification).toMatchObject({ kind: 'attendance', valid: false, status: 'removed' });
    expect(verification.statusText).toContain('取消');
    const res = await get(`/api/registrations/${id}/certificate`, attendee.token);
    expect(res.status).toBe(409);
  });

  it('answers an unknown or altered code 404, and issues one certificate to requests at once', async () => {
    for (const unknown of ['AAAAAAAAAAAAAAAAAAAA', 'not-a-code', 'aaaaaaaaaaaaaaaaaaaa']) {
      const res = await get(`/api/certificates/${unknown}`, null);
      expect([res.status, code(res)]).toEqual([404, 'CERTIFICATE_NOT_FOUND']);
    }
    const { id } = await attended();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => get(`/api/registrations/${id}/certificate`, attendee.token)),
    );
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((res) => (res.body as { code: string }).code)).size).toBe(1);
    const certificates = env.server.app.get(DataSource).getRepository(AttendanceCertificateEntity);
    expect(await certificates.countBy({ registrationId: id })).toBe(1);
  });
});
