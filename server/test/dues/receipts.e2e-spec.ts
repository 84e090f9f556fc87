import { billReceiptSchema, messageListResponseSchema, receiptRequestPageSchema } from '@itss/shared';
import { type AuthEnv, bearer, postJson, seedOf, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { PDF, PNG, person } from '../support/joining';
import { paidBillOf, receiptStaff, unitWithPaidBill, uploadPdf } from './receipts-support';

type Person = { id: number; token: string };

async function messagesOf(env: AuthEnv, who: Person, purpose: string): Promise<string[]> {
  const res = await env.server.get('/api/messages?limit=50', { headers: bearer(who.token) });
  return messageListResponseSchema
    .parse(res.body)
    .items.filter((message) => message.purpose === purpose)
    .map((message) => message.body);
}

async function download(env: AuthEnv, who: Person, path: string) {
  const res = await fetch(`${env.server.baseUrl}${path}`, { headers: bearer(who.token) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const isJson = res.headers.get('content-type')?.includes('json');
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    code: isJson ? (JSON.parse(bytes.toString('utf8')) as { code: string }).code : null,
  };
}

describe('会费票据: a contact requests, staff upload the PDF, the unit’s contacts download it', () => {
  let env: AuthEnv;
  let staff: Person;
  let primary: Person;
  let colleague: Person;
  let stranger: Person;
  let visitor: Person;
  let billId: number;
  let unitName: string;
  let otherBillId: number;
  let unitId: number;
  let otherUnitId: number;

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await receiptStaff(env);
    primary = await person(env, 'o_receipts_primary');
    colleague = await person(env, 'o_receipts_colleague');
    stranger = await person(env, 'o_receipts_stranger');
    visitor = await person(env, 'o_receipts_visitor');
    const seed = seedOf(env);
    const { unit } = await seed.memberUnit(primary.token, staff.token);
    unitName = unit.name;
    unitId = unit.id;
    await seed.addContact(unit.id, primary.token, colleague.token, '李四');
    const other = await seed.memberUnit(stranger.token, staff.token, { unitName: '上海另一家科技有限公司' });
    otherUnitId = other.unit.id;
    otherBillId =
      (
        await seed.call<{ items: { id: number }[] }>(
          stranger.token,
          'GET',
          `/api/units/${other.unit.id}/bills`,
        )
      ).body.items[0]?.id ?? 0;
    billId =
      (await seed.call<{ items: { id: number }[] }>(primary.token, 'GET', `/api/units/${unit.id}/bills`)).body
        .items[0]?.id ?? 0;
  });
  afterAll(() => env.close());

  const requestPath = () => `/api/dues/bills/${billId}/receipt-request`;

  it('refuses a request before the bill is paid, and from anyone but the unit’s contacts', async () => {
    const body = { title: '北京示例信息技术有限公司', taxNumber: '91110108MA01ABCD2X' };
    const unpaid = await postJson(env, requestPath(), body, bearer(primary.token));
    expect([unpaid.status, (unpaid.body as { code: string }).code]).toEqual([409, 'DUES_RECEIPT_NOT_PAID']);
    await paidBillOf(env, unitId);
    const other = await postJson(env, requestPath(), body, bearer(stranger.token));
    expect(other.status).toBe(404);
    const staffAsks = await postJson(env, requestPath(), body, bearer(staff.token));
    expect(staffAsks.status).toBe(403);
    const bad = await postJson(env, requestPath(), { title: '北', taxNumber: 'abc' }, bearer(primary.token));
    expect([bad.status, (bad.body as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('takes one request, tells staff in 消息, and lists it for staff', async () => {
    const res = await postJson(
      env,
      requestPath(),
      { title: '北京示例信息技术有限公司', taxNumber: '91110108MA01ABCD2X' },
      bearer(primary.token),
    );
    expect(res.status).toBe(200);
    expect(billReceiptSchema.parse(res.body)).toMatchObject({
      status: 'requested',
      title: '北京示例信息技术有限公司',
      taxNumber: '91110108MA01ABCD2X',
      number: null,
      issuedAt: null,
    });
    const again = await postJson(env, requestPath(), { title: '另一个抬头' }, bearer(colleague.token));
    expect([again.status, (again.body as { code: string }).code]).toEqual([
      409,
      'DUES_RECEIPT_ALREADY_REQUESTED',
    ]);
    expect(await messagesOf(env, staff, 'dues_receipt_requested')).toEqual([
      expect.stringContaining('抬头「北京示例信息技术有限公司」'),
    ]);

    // A second request on the other unit, to page through.
    await paidBillOf(env, otherUnitId);
    expect(
      (
        await postJson(
          env,
          `/api/dues/bills/${otherBillId}/receipt-request`,
          { title: '上海另一家科技有限公司' },
          bearer(stranger.token),
        )
      ).status,
    ).toBe(200);
    const first = receiptRequestPageSchema.parse(
      (
        await env.server.get('/api/dues/receipt-requests?status=requested&limit=1', {
          headers: bearer(staff.token),
        })
      ).body,
    );
    expect(first.items.map((item) => item.billId)).toEqual([otherBillId]);
    const second = receiptRequestPageSchema.parse(
      (
        await env.server.get(
          `/api/dues/receipt-requests?status=requested&limit=1&cursor=${first.nextCursor}`,
          {
            headers: bearer(staff.token),
          },
        )
      ).body,
    );
    expect(second.items.map((item) => [item.billId, item.unitName, item.receipt.status])).toEqual([
      [billId, unitName, 'requested'],
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('answers 404 DUES_RECEIPT_NOT_ISSUED to the contacts before the receipt is issued', async () => {
    const early = await download(env, primary, `/api/dues/bills/${billId}/receipt.pdf`);
    expect([early.status, early.code]).toEqual([404, 'DUES_RECEIPT_NOT_ISSUED']);
    const stranger404 = await download(env, stranger, `/api/dues/bills/${billId}/receipt.pdf`);
    expect([stranger404.status, stranger404.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('issues only a PDF the staff member uploaded, then tells the contacts, who download the same bytes', async () => {
    const issuePath = `/api/dues/bills/${billId}/receipt`;
    const png = await uploadPdf(env, staff.token, PNG);
    const notPdf = await postJson(
      env,
      issuePath,
      { fileId: png, number: 'No.20260001' },
      bearer(staff.token),
    );
    expect([notPdf.status, (notPdf.body as { code: string }).code]).toEqual([415, 'DUES_RECEIPT_NOT_PDF']);
    const othersFile = await uploadPdf(env, (await receiptStaff(env)).token);
    const unusable = await postJson(
      env,
      issuePath,
      { fileId: othersFile, number: 'No.20260001' },
      bearer(staff.token),
    );
    expect([unusable.status, (unusable.body as { code: string }).code]).toEqual([
      400,
      'DUES_RECEIPT_FILE_UNUSABLE',
    ]);

    const bytes = Buffer.concat([PDF, Buffer.from(`% receipt of bill ${billId}\n`)]);
    const fileId = await uploadPdf(env, staff.token, bytes);
    const issued = await postJson(env, issuePath, { fileId, number: 'No.20260001' }, bearer(staff.token));
    expect(issued.status).toBe(200);
    expect(billReceiptSchema.parse(issued.body)).toMatchObject({ status: 'issued', number: 'No.20260001' });
    for (const contact of [primary, colleague]) {
      expect(await messagesOf(env, contact, 'dues_receipt_issued')).toEqual([
        expect.stringContaining('No.20260001'),
      ]);
    }

    for (const reader of [primary, colleague, staff]) {
      const got = await download(env, reader, `/api/dues/bills/${billId}/receipt.pdf`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent(`${unitName}`)}`,
      );
      expect(got.bytes.equals(bytes)).toBe(true);
    }
    for (const outsider of [stranger, visitor]) {
      const refused = await download(env, outsider, `/api/dues/bills/${billId}/receipt.pdf`);
      expect([refused.status, refused.code]).toEqual([404, 'NOT_FOUND']);
      expect((await download(env, outsider, `/api/files/${fileId}`)).status).toBe(404);
    }
    // The file's one rule: the bill's contacts may read it at its own address too.
    expect((await download(env, colleague, `/api/files/${fileId}`)).bytes.equals(bytes)).toBe(true);

    expect(
      (await auditRows(env, 'dues.receipt_requested')).filter((row) => row.target === `bill:${billId}`),
    ).toHaveLength(1);
    expect((await auditRows(env, 'dues.receipt_issued')).map((row) => row.target)).toEqual([
      `bill:${billId}`,
    ]);
  });

  it('refuses issuing a receipt nobody requested', async () => {
    const contact = await person(env, 'o_receipts_unrequested');
    const { billId: unrequested } = await unitWithPaidBill(env, contact.token);
    const res = await postJson(
      env,
      `/api/dues/bills/${unrequested}/receipt`,
      { fileId: await uploadPdf(env, staff.token), number: 'No.20260009' },
      bearer(staff.token),
    );
    expect([res.status, (res.body as { code: string }).code]).toEqual([409, 'DUES_RECEIPT_NOT_REQUESTED']);
  });
});
