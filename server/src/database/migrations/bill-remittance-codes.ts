import { randomInt } from 'node:crypto';
import { makeRemittanceCode } from '@itss/shared';
import type { QueryRunner } from 'typeorm';

/**
 * Gives every bill written before remittance codes existed its own code. Runs inside the migration's
 * transaction; the codes are drawn until unused, as new bills' are.
 */
export async function fillRemittanceCodes(
  queryRunner: QueryRunner,
  quote: (name: string) => string,
): Promise<void> {
  const rows = (await queryRunner.query(`SELECT ${quote('id')} FROM ${quote('bills')}`)) as { id: number }[];
  const taken = new Set<string>();
  for (const { id } of rows) {
    let code = makeRemittanceCode(randomInt);
    while (taken.has(code)) code = makeRemittanceCode(randomInt);
    taken.add(code);
    await queryRunner.query(
      `UPDATE ${quote('bills')} SET ${quote('remittance_code')} = ? WHERE ${quote('id')} = ?`,
      [code, id],
    );
  }
}
