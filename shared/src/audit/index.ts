import { z } from 'zod';
import { cursorPageQuery, pageOf } from '../common';

const actionNames = new Map<string, string>();

/**
 * Each feature declares the audit actions it writes, with the Chinese name the audit log shows;
 * returns the action codes typed, for the feature's own `audit.record` calls.
 */
export function defineAuditActions<const T extends Record<string, string>>(names: T): (keyof T & string)[] {
  for (const [action, name] of Object.entries(names)) {
    const known = actionNames.get(action);
    if (known !== undefined && known !== name) throw new Error(`Audit action ${action} is defined twice`);
    actionNames.set(action, name);
  }
  return Object.keys(names);
}

/** The Chinese name of an audit action; an action this build does not know shows as its code. */
export function auditActionName(action: string): string {
  return actionNames.get(action) ?? action;
}

/** What an audit entry is about: a typed reference, e.g. `{ type: 'user', id: 7 }`. */
export const auditTargetSchema = z.object({ type: z.string().min(1), id: z.number().int() });
export type AuditTarget = z.infer<typeof auditTargetSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  action: z.string().min(1),
  actor: z.object({ id: z.number().int().nullable(), displayName: z.string() }),
  target: auditTargetSchema.nullable(),
  /** The target's display name as it is now, when its feature can name it. */
  targetName: z.string().nullable(),
  detail: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Newest first, keyset paging on the id. */
export const auditQuerySchema = z.strictObject(cursorPageQuery({ max: 100, defaultLimit: 50 }));
export const auditListResponseSchema = pageOf(auditEntrySchema);
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;
