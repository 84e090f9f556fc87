import { errorBodySchema, invoiceRequestPageSchema, registrationInvoiceSchema } from '@itss/shared';
import { uploadPdf } from '../dues/receipts-support';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { PNG, person, uploadRaw } from '../support/joining';
import { insertEvent, insertRegistration } from './desk-support';

type Person = { id: number; token: string };

const TITLE = { title: '北京示例信息技术有限公司', taxNumber: '91110108MA01ABCD2X' };

describe('发票 of paid seats: the owner asks, staff upload the PDF, the owner downloads it', () => {
  let env: AuthEnv;
  let staff: Person;
  let owner: Person;
  let other: Person;
  let paidId: number;
  let freeId: number;
  let awaitingId: number;

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_event_invoice_staff', ['staff']);
    owner = await person(env, 'o_event_invoice_owner');
    other = await person(env, 'o_event_invoice_other');
    const { sessions } = await insertEvent(env, { capacities: [5, 5, 5], title: 'ITSS 会议周' });
    paidId = (await insertRegistration(env, sessions[0]!, { userId: owner.id, priceFen: 80_000 })).id;
    freeId = (await insertRegistration(env, sessions[1]!, { userId: owner.id })).id;
    awaitingId = (
      await insertRegistration(env, sessions[2]!, {
        userId: owner.id,
        priceFen: 80_000,
        state: 'awaiting_payment',
      })
    ).id;
  });
  afterAll(() => env.close());

  const ask = (who: Person, id: number, body: object = TITLE) =>
    postJson(env, `/api/registrations/${id}/invoice-request`, body, bearer(who.token));
  const issue = (id: number, body: object) =>
    postJson(env, `/api/registrations/${id}/invoice`, body, bearer(staff.token));
  const codeOf = (body: unknown) => errorBodySchema.parse(body).code;

  it('refuses unpaid seats, other people (404) and staff asking (403)', async () => {
    for (const id of [freeId, awaitingId]) {
      const res = await ask(owner, id);
      expect([res.status, codeOf(res.body)]).toEqual([409, 'REGISTRATION_INVOICE_NOT_PAID']);
    }
    expect((await ask(other, paidId)).status).toBe(404);
    expect((await ask(staff, paidId)).status).toBe(403);
    const bad = await ask(owner, paidId, { title: '北', taxNumber: 'abc' });
    expect([bad.status, codeOf(bad.body)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('takes one request and lists it in staff’s queue', async () => {
    const res = await ask(owner, paidId);
    expect(res.status).toBe(200);
    expect(registrationInvoiceSchema.parse(res.body)).toMatchObject({
      status: 'requested',
      title: TITLE.title,
      taxNumber: TITLE.taxNumber,
      number: null,
      url: null,
      issuedAt: null,
    });
    const again = await ask(owner, paidId, { title: '另一个抬头' });
    expect([again.status, codeOf(again.body)]).toEqual([409, 'REGISTRATION_INVOICE_REQUESTED']);
    const queue = await env.server.get('/api/events/invoice-requests?status=requested', {
      headers: bearer(staff.token),
    });
    expect(invoiceRequestPageSchema.parse(queue.body).items).toEqual([
      expect.objectContaining({
        registrationId: paidId,
        eventTitle: 'ITSS 会议周',
        name: '张三',
        priceFen: 80_000,
      }),
    ]);
    const issued = await env.server.get('/api/events/invoice-requests?status=issued', {
      headers: bearer(staff.token),
    });
    expect(invoiceRequestPageSchema.parse(issued.body).items).toEqual([]);
    expect(
      (await env.server.get('/api/events/invoice-requests', { headers: bearer(owner.token) })).status,
    ).toBe(403);
  });

  it('issues the uploaded PDF once (the same again is a no-op), audited, and only the owner and staff read it', async () => {
    const notRequested = await issue(freeId, { fileId: await uploadPdf(env, staff.token), number: 'No.1' });
    expect([notRequested.status, codeOf(notRequested.body)]).toEqual([
      409,
      'REGISTRATION_INVOICE_NOT_REQUESTED',
    ]);
    const picture = await uploadRaw(env, staff.token, PNG);
    const notPdf = await issue(paidId, { fileId: (picture.body as { id: number }).id, number: 'No.1' });
    expect([notPdf.status, codeOf(notPdf.body)]).toEqual([400, 'REGISTRATION_INVOICE_FILE_UNUSABLE']);
    const othersFile = await issue(paidId, { fileId: await uploadPdf(env, owner.token), number: 'No.1' });
    expect(codeOf(othersFile.body)).toBe('REGISTRATION_INVOICE_FILE_UNUSABLE');

    const fileId = await uploadPdf(env, staff.token);
    const res = await issue(paidId, { fileId, number: 'No.20260001' });
    expect(res.status).toBe(200);
    const invoice = registrationInvoiceSchema.parse(res.body);
    expect(invoice).toMatchObject({ status: 'issued', number: 'No.20260001', url: `/api/files/${fileId}` });
    expect((await issue(paidId, { fileId, number: 'No.20260001' })).status).toBe(200);
    const another = await issue(paidId, { fileId: await uploadPdf(env, staff.token), number: 'No.2' });
    expect([another.status, codeOf(another.body)]).toEqual([409, 'REGISTRATION_INVOICE_ISSUED']);
    expect((await auditRows(env, 'registration.invoice_issued')).map((row) => row.target)).toEqual([
      `registration:${paidId}`,
    ]);

    const read = (who: Person) => env.server.get(invoice.url!, { headers: bearer(who.token) });
    expect((await read(owner)).status).toBe(200);
    expect((await read(staff)).status).toBe(200);
    expect((await read(other)).status).toBe(404);
  });
});
