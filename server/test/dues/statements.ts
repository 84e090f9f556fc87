import {
  type Bill,
  STATEMENT_COLUMNS,
  type StatementPreview,
  billListResponseSchema,
  statementPreviewSchema,
} from '@itss/shared';
import { type CellValue, Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { BankStatementEntity, BankStatementLineEntity } from '../../src/modules/dues/bank-statement.entity';
import { type AuthEnv, bearer } from '../support/auth-env';
import { person, setupStaffToken, submitApplication, decided } from '../support/joining';

let sequence = 0;

/** A unit approved through the API (which opens its bill for this year), and that bill as staff see it. */
export async function billFor(env: AuthEnv, unitName: string): Promise<Bill> {
  const applicant = await person(env, `o_statement_unit_${process.pid}_${sequence++}`);
  const application = await submitApplication(env, applicant.token, { unitName });
  const staff = await setupStaffToken(env);
  const unitId = (await decided(env, staff, application.id, 'approve')).unit?.id;
  if (!unitId) throw new Error('approval made no unit');
  const bill = (await billsOf(env, unitId))[0];
  if (!bill) throw new Error('approval opened no bill');
  return { ...bill, unitName };
}

export async function billsOf(env: AuthEnv, unitId: number): Promise<Bill[]> {
  const staff = await setupStaffToken(env);
  const res = await env.server.get(`/api/units/${unitId}/bills`, { headers: bearer(staff) });
  return billListResponseSchema.parse(res.body).items;
}

/** A bank reference new on each call. */
export function reference(): string {
  return `T${process.pid}${String(Date.now()).slice(-6)}${String(sequence++).padStart(5, '0')}`;
}

/** A statement line in the template's columns: date, amount (yuan), payer, memo, reference. */
export type Line = [string, string, string, string, string];

/** A line paying `bill` in full, its code in the memo as people write it. */
export function lineFor(bill: Bill, ref = reference()): Line {
  return ['2026-01-15', (bill.amountFen / 100).toFixed(2), bill.unitName, `会费 ${bill.remittanceCode}`, ref];
}

/** An .xlsx statement: the header row, then the lines. */
export async function statementXlsx(lines: CellValue[][], header: string[] = [...STATEMENT_COLUMNS]) {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('流水');
  sheet.addRow(header);
  for (const line of lines) sheet.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV text of these rows, quoted where a cell needs it. */
export function csvText(rows: string[][], delimiter = ','): string {
  const cell = (text: string) => {
    return /[",\t\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}

let gbkTable: Map<string, Buffer> | null = null;

/**
 * Text as GBK bytes, the way Chinese banks' exports are written. Node encodes only UTF-8, so the
 * table is built by decoding every two-byte GBK code once with Node's own GB 18030 decoder.
 */
export function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const char = decoder.decode(bytes);
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, bytes);
      }
    }
  }
  const table = gbkTable;
  return Buffer.concat(
    [...text].map((char) => {
      if (char.charCodeAt(0) < 0x80) return Buffer.from(char, 'latin1');
      const bytes = table.get(char);
      if (!bytes) throw new Error(`no GBK code for ${char}`);
      return bytes;
    }),
  );
}

export function statementForm(bytes: Buffer, name: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
  return form;
}

export function uploadStatement(env: AuthEnv, token: string, bytes: Buffer, name = '银行流水.xlsx') {
  return env.server.get('/api/dues/statements', {
    method: 'POST',
    headers: bearer(token),
    body: statementForm(bytes, name),
  });
}

export async function uploaded(
  env: AuthEnv,
  token: string,
  bytes: Buffer,
  name?: string,
): Promise<StatementPreview> {
  const res = await uploadStatement(env, token, bytes, name);
  if (res.status !== 200) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return statementPreviewSchema.parse(res.body);
}

export function confirmStatement(env: AuthEnv, token: string, id: number) {
  return env.server.get(`/api/dues/statements/${id}/confirm`, { method: 'POST', headers: bearer(token) });
}

export function assignLine(env: AuthEnv, token: string, id: number, line: number, billId: number) {
  return env.server.get(`/api/dues/statements/${id}/lines/${line}/assign`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ billId }),
  });
}

/** How many statements and lines the database holds: a refused upload adds none. */
export async function statementRows(env: AuthEnv): Promise<{ statements: number; lines: number }> {
  const ds = env.server.app.get(DataSource);
  return {
    statements: await ds.getRepository(BankStatementEntity).count(),
    lines: await ds.getRepository(BankStatementLineEntity).count(),
  };
}
