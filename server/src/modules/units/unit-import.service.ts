import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  UNIT_SHEET_COLUMNS,
  UNIT_STATUS_NAMES,
  UnitError,
  type UnitImportPreview,
  type UnitImportResult,
  checkUscc,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { SharedState } from '../../state/shared-state';
import { AuditService } from '../audit/audit.service';
import type { Upload } from '../files/upload-reader';
import { type SheetRow, type SheetUnit, importCells, readUnitSheet } from './unit-sheet';
import { UnitStatusChangeEntity } from './unit-status-change.entity';
import { UnitEntity } from './unit.entity';
import { STATUS_REASON, UnitsService } from './units.service';
import { UnitsPolicy } from './units.policy';

/** How long a preview waits for its confirmation. */
export const IMPORT_PREVIEW_TTL_MS = 30 * 60_000;
/** Rows per statement: well under SQLite's and MariaDB's limits on bound parameters. */
const CHUNK = 500;
/** The audit log keeps 500 characters of detail. */
const AUDIT_DETAIL_MAX = 500;

/** The fields an import sets on a unit; the status is changed only on the unit's page, with a reason. */
const FIELDS = ['name', 'unitType', 'province', 'city', 'level', 'joinedOn'] as const;
type Fields = Pick<SheetUnit, (typeof FIELDS)[number]>;

/** An existing unit, found by its credit code: what it held at the preview and what the row sets. */
interface StoredUpdate {
  id: number;
  before: Fields;
  after: Fields;
  changes: string;
}

/** What a preview keeps for its confirmation: whose it is and the rows it would write. */
interface StoredPreview {
  userId: number;
  creates: SheetUnit[];
  updates: StoredUpdate[];
}

type Change = UnitImportPreview['rows'][number]['changes'][number];

function previewKey(importId: string): string {
  return `units:import:${importId}`;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function fieldsOf(unit: Fields): Fields {
  return Object.fromEntries(FIELDS.map((field) => [field, unit[field]])) as Fields;
}

function sameFields(a: Fields, b: Fields): boolean {
  return FIELDS.every((field) => a[field] === b[field]);
}

/** The cells of the import's columns that differ, in the words the sheet shows (level and type names). */
function changesOf(unit: UnitEntity, row: SheetUnit): Change[] {
  const from = importCells(unit);
  const to = importCells({ ...row, status: unit.status });
  return UNIT_SHEET_COLUMNS.flatMap((column, index) =>
    from[index] !== to[index]
      ? [{ column: column.header, from: from[index] ?? '', to: to[index] ?? '' }]
      : [],
  );
}

function isStoredPreview(value: unknown): value is StoredPreview {
  const preview = value as Partial<StoredPreview> | null;
  return (
    typeof preview?.userId === 'number' && Array.isArray(preview.creates) && Array.isArray(preview.updates)
  );
}

/** Stored JSON, or undefined if what the key holds is not JSON (then it is no preview either). */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Member units in from spreadsheets: an upload is checked row by row and kept as a preview
 * (nothing written) for 30 minutes. A row whose credit code is on record updates that unit (an
 * edited export imports as it is); any other valid row creates one. The uploader's confirmation
 * writes every row in one transaction, audited. Previews live in SharedState, so any replica
 * confirms what another previewed.
 */
@Injectable()
export class UnitImportService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitStatusChangeEntity)
    private readonly statusChanges: Repository<UnitStatusChangeEntity>,
    private readonly unitsService: UnitsService,
    private readonly policy: UnitsPolicy,
    private readonly audit: AuditService,
    private readonly state: SharedState,
  ) {}

  async preview(ctx: SignedInContext, read: () => Promise<Upload>): Promise<UnitImportPreview> {
    authorize(this.policy, ctx, 'manage', undefined);
    const rows = await readUnitSheet((await read()).bytes);
    markRepeats(rows);
    const onRecord = await this.unitsByCode(rows);
    const stored: StoredPreview = { userId: ctx.user.id, creates: [], updates: [] };
    const out: UnitImportPreview['rows'] = [];
    for (const row of rows) {
      const existing = onRecord.get(row.creditCode);
      let changes: Change[] = [];
      if (row.unit && existing && row.statusGiven && row.unit.status !== existing.status) {
        row.errors.push(
          `状态“${UNIT_STATUS_NAMES[row.unit.status]}”与系统中的“${UNIT_STATUS_NAMES[existing.status]}”不同：状态请在单位详情中变更（需填写原因），或将此格改回`,
        );
      }
      const unit = row.errors.length ? null : row.unit;
      let action: UnitImportPreview['rows'][number]['action'] = null;
      if (unit && !existing) {
        action = 'create';
        stored.creates.push(unit);
      } else if (unit && existing) {
        changes = changesOf(existing, unit);
        action = changes.length ? 'update' : 'unchanged';
        if (changes.length) {
          stored.updates.push({
            id: existing.id,
            before: fieldsOf(existing),
            after: fieldsOf(unit),
            changes: changes.map((change) => `${change.column}：${change.from} → ${change.to}`).join('；'),
          });
        }
      }
      out.push({
        row: row.row,
        name: row.name,
        creditCode: row.creditCode,
        action,
        changes,
        errors: row.errors,
      });
    }
    const importId = randomBytes(18).toString('base64url');
    await this.state.setJson(previewKey(importId), stored, IMPORT_PREVIEW_TTL_MS);
    const count = (action: string) => out.filter((row) => row.action === action).length;
    return {
      importId,
      expiresAt: new Date(Date.now() + IMPORT_PREVIEW_TTL_MS).toISOString(),
      validCount: stored.creates.length + stored.updates.length,
      createCount: count('create'),
      updateCount: count('update'),
      unchangedCount: count('unchanged'),
      errorCount: out.filter((row) => row.errors.length > 0).length,
      rows: out,
    };
  }

  /** The units on record under the rows' credit codes. */
  private async unitsByCode(rows: SheetRow[]): Promise<Map<string, UnitEntity>> {
    const codes = [...new Set(rows.flatMap((row) => (row.unit ? [row.unit.creditCode] : [])))];
    const found = new Map<string, UnitEntity>();
    for (const part of chunks(codes)) {
      for (const unit of await this.units.findBy({ creditCode: In(part) })) found.set(unit.creditCode, unit);
    }
    return found;
  }

  /**
   * Writes a preview's rows, once: the preview is taken out of SharedState with a
   * compare-and-delete before the write, so of two confirmations at once one writes and the other
   * finds it gone (410). A preview whose write then fails stays used: the upload is checked again.
   */
  async confirm(ctx: SignedInContext, importId: string): Promise<UnitImportResult> {
    authorize(this.policy, ctx, 'manage', undefined);
    const key = previewKey(importId);
    const text = await this.state.get(key);
    const preview = text === undefined ? undefined : parsed(text);
    // Another staff member's preview is as unknown to this one as an expired one.
    if (!isStoredPreview(preview) || preview.userId !== ctx.user.id)
      throw new AppError(UnitError.ImportExpired);
    if (preview.creates.length + preview.updates.length === 0)
      throw new AppError(UnitError.ImportNothingValid);
    if (text === undefined || !(await this.state.deleteIfEquals(key, text))) {
      throw new AppError(UnitError.ImportExpired);
    }
    return this.write(ctx, preview);
  }

  /**
   * All rows or none. A code taken since the preview, or a unit changed since, refuses the whole
   * import; one taken by a concurrent writer during it hits the unique index, and the rerun finds
   * it and refuses. The units to update are locked first, so a concurrent edit waits or is seen.
   */
  @RetryOnConflict()
  @Transactional()
  private async write(ctx: SignedInContext, { creates, updates }: StoredPreview): Promise<UnitImportResult> {
    await this.applyUpdates(ctx, updates);
    for (const part of chunks(creates.map((unit) => unit.creditCode))) {
      if (await this.units.existsBy({ creditCode: In(part) })) throw new AppError(UnitError.ImportStale);
    }
    const at = now();
    for (const part of chunks(creates)) {
      await this.units
        .createQueryBuilder()
        .insert()
        .into(UnitEntity)
        .values(part.map((unit) => ({ ...unit, createdAt: at })))
        .updateEntity(false)
        .execute();
      const rows = await this.units.find({
        select: { id: true, status: true },
        where: { creditCode: In(part.map((unit) => unit.creditCode)) },
        order: { id: 'ASC' },
      });
      await this.statusChanges
        .createQueryBuilder()
        .insert()
        .into(UnitStatusChangeEntity)
        .values(
          rows.map((row) => ({
            unitId: row.id,
            status: row.status,
            reason: STATUS_REASON.imported,
            actorId: ctx.user.id,
            at,
          })),
        )
        .updateEntity(false)
        .execute();
    }
    await this.audit.record(ctx, {
      action: 'unit.imported',
      detail: updates.length
        ? `新增 ${creates.length} 家、更新 ${updates.length} 家会员单位`
        : `导入 ${creates.length} 家会员单位`,
    });
    await afterCommit(() => this.unitsService.directoryChanged());
    return { created: creates.length, updated: updates.length };
  }

  private async applyUpdates(ctx: SignedInContext, updates: StoredUpdate[]): Promise<void> {
    for (const part of chunks(updates)) {
      await lockRows(
        this.units,
        part.map((update) => update.id),
      );
      const current = new Map(
        (await this.units.findBy({ id: In(part.map((update) => update.id)) })).map((unit) => [unit.id, unit]),
      );
      for (const update of part) {
        const unit = current.get(update.id);
        if (!unit || !sameFields(fieldsOf(unit), update.before)) throw new AppError(UnitError.ImportStale);
        await this.units.update({ id: update.id }, update.after);
        await this.audit.record(ctx, {
          action: 'unit.updated_by_import',
          target: { type: 'unit', id: update.id },
          detail: update.changes.slice(0, AUDIT_DETAIL_MAX),
        });
      }
    }
  }
}

/** A second row with a credit code is an error of its row: which of the two to keep is for staff. */
function markRepeats(rows: SheetRow[]): void {
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    if (checkUscc(row.creditCode) === 'bad_format') continue;
    const first = firstRow.get(row.creditCode);
    if (first === undefined) firstRow.set(row.creditCode, row.row);
    else row.errors.push(`与第 ${first} 行的统一社会信用代码重复`);
  }
}
