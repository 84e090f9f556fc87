import { z } from 'zod';
import * as contract from './index';

/** Every schema the contract exports, by its name. */
const schemas = Object.entries(contract as Record<string, unknown>).flatMap(([name, value]) =>
  value instanceof z.ZodType ? [[name, value] as const] : [],
);

describe('the contract against whatever a client sends', () => {
  it('exports schemas to check', () => {
    expect(schemas.length).toBeGreaterThan(50);
  });

  // JSON allows any value as a whole body: a refinement that assumes an object must not throw.
  it.each([null, [], 0, 'text', true])('refuses or accepts %p as any schema, never throws', (value) => {
    const throwing = schemas.filter(([, schema]) => {
      try {
        schema.safeParse(value);
        return false;
      } catch {
        return true;
      }
    });
    expect(throwing.map(([name]) => name)).toEqual([]);
  });

  it('bounds every database id to what an INT column holds, in paths and in bodies', () => {
    const tooLarge = 2 ** 31;
    expect(contract.DB_ID_MAX).toBe(tooLarge - 1);
    expect(contract.idSchema.safeParse(contract.DB_ID_MAX).success).toBe(true);
    expect(contract.idSchema.safeParse(tooLarge).success).toBe(false);
    expect(contract.decimalIdSchema.safeParse(String(contract.DB_ID_MAX)).success).toBe(true);
    expect(contract.decimalIdSchema.safeParse(String(tooLarge)).success).toBe(false);
    const file = (id: number) => ({ licenceFileId: id });
    expect(contract.applicationDraftSchema.safeParse(file(tooLarge)).success).toBe(false);
    expect(
      contract.createSubmissionRequestSchema.safeParse({
        category: 'member_showcase',
        title: '标题标题',
        summary: '',
        body: '<p>正文</p>',
        coverFileId: tooLarge,
      }).success,
    ).toBe(false);
    expect(contract.updateArticleRequestSchema.safeParse({ coverFileId: tooLarge }).success).toBe(false);
    expect(contract.updateArticleRequestSchema.safeParse({ attachmentFileIds: [tooLarge] }).success).toBe(
      false,
    );
    expect(contract.updateArticleRequestSchema.safeParse({ unitId: tooLarge }).success).toBe(false);
    expect(contract.grantStaffRequestSchema.safeParse({ userId: tooLarge }).success).toBe(false);
  });
});
