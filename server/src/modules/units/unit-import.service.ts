import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  LEVELS,
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
import { SharedState } from '../../state/shared-state';
import { AuditService } from '../audit/audit.service';
import type { Upload } from '../files/upload-reader';
import { type UnitFilters, applyUnitFilters } from './unit-search';
import { type SheetRow, type SheetUnit, readUnitSheet, unitsWorkbook } from './unit-sheet';
import { UnitStatusChangeEntity } from './unit-status-change.entity';
import { UnitEntity } from './unit.entity';
import { STATUS_REASON, UnitsService } from './units.service';
import { UnitsPolicy } from './units.policy';

/** How long a preview waits for its confirmation. */
export const IMPORT_PREVIEW_TTL_MS = 30 * 60_000;
/** The most units one export holds: the branch has a few thousand members. */
export const EXPORT_MAX_ROWS = 10_000;
/** Rows per statement: well under SQLite's and MariaDB's limits on bound parameters. */
const CHUNK = 500;

/** What a preview keeps for its confirmation: whose it is and the rows it would write. */
interface StoredPreview {
  userId: number;
  units: SheetUnit[];
}

function previewKey(importId: string): string {
  return `units:import:${importId}`;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function isStoredPreview(value: unknown): value is StoredPreview {
  const preview = value as Partial<StoredPreview> | null;
  return typeof preview?.userId === 'number' && Array.isArray(preview.units);
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
 * Member units in and out of spreadsheets: an upload is checked row by row and kept as a preview
 * (nothing written) for 30 minutes; its uploader's confirmation writes the valid rows in one
 * transaction. Previews live in SharedState, so any replica confirms what another previewed.
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
    await this.markDuplicates(rows);
    const valid = rows.flatMap((row) => (row.unit && row.errors.length === 0 ? [row.unit] : []));
    const importId = randomBytes(18).toString('base64url');
    const stored: StoredPreview = { userId: ctx.user.id, units: valid };
    await this.state.setJson(previewKey(importId), stored, IMPORT_PREVIEW_TTL_MS);
    return {
      importId,
      expiresAt: new Date(Date.now() + IMPORT_PREVIEW_TTL_MS).toISOString(),
      validCount: valid.length,
      errorCount: rows.length - valid.length,
      rows: rows.map((row) => ({
        row: row.row,
        name: row.name,
        creditCode: row.creditCode,
        errors: row.errors,
      })),
    };
  }

  /** A second row with a credit code, and a code already on record, are errors of their rows. */
  private async markDuplicates(rows: SheetRow[]): Promise<void> {
    const firstRow = new Map<string, number>();
    for (const row of rows) {
      if (checkUscc(row.creditCode) === 'bad_format') continue;
      const first = firstRow.get(row.creditCode);
      if (first === undefined) firstRow.set(row.creditCode, row.row);
      else row.errors.push(`与第 ${first} 行的统一社会信用代码重复`);
    }
    const taken = new Set<string>();
    for (const codes of chunks([...firstRow.keys()])) {
      const found = await this.units.find({ select: { creditCode: true }, where: { creditCode: In(codes) } });
      for (const unit of found) taken.add(unit.creditCode);
    }
    for (const row of rows) {
      if (taken.has(row.creditCode))
        row.errors.push('该单位已在会员名单中（统一社会信用代码已存在），不会重复导入');
      if (row.errors.length) row.unit = null;
    }
  }

  /**
   * Writes a preview's valid rows, once: the preview is taken out of SharedState with a
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
    if (preview.units.length === 0) throw new AppError(UnitError.ImportNothingValid);
    if (text === undefined || !(await this.state.deleteIfEquals(key, text))) {
      throw new AppError(UnitError.ImportExpired);
    }
    return { created: await this.write(ctx, preview.units) };
  }

  /**
   * All rows or none. A code taken since the preview refuses the whole import; one taken by a
   * concurrent writer during it hits the unique index, and the rerun finds it and refuses.
   */
  @RetryOnConflict()
  @Transactional()
  private async write(ctx: SignedInContext, units: SheetUnit[]): Promise<number> {
    const codes = units.map((unit) => unit.creditCode);
    for (const part of chunks(codes)) {
      if (await this.units.existsBy({ creditCode: In(part) })) throw new AppError(UnitError.ImportStale);
    }
    const at = now();
    for (const part of chunks(units)) {
      await this.units
        .createQueryBuilder()
        .insert()
        .into(UnitEntity)
        .values(part.map((unit) => ({ ...unit, createdAt: at })))
        .updateEntity(false)
        .execute();
    }
    for (const part of chunks(units)) {
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
    await this.audit.record(ctx, { action: 'unit.imported', detail: `导入 ${units.length} 家会员单位` });
    await afterCommit(() => this.unitsService.directoryChanged());
    return units.length;
  }

  /** The filtered units, oldest first (the order they joined the list), as an .xlsx workbook. */
  async export(ctx: SignedInContext, filters: UnitFilters): Promise<Buffer> {
    authorize(this.policy, ctx, 'manage', undefined);
    const qb = this.units.createQueryBuilder('unit');
    applyUnitFilters(qb, filters);
    const rows = await qb.orderBy('unit.id', 'ASC').limit(EXPORT_MAX_ROWS).getMany();
    await this.audit.record(ctx, {
      action: 'unit.exported',
      detail: `${describe(filters)}，${rows.length} 家`,
    });
    return unitsWorkbook(rows);
  }
}

/** The filters of an export in words, for the audit log. */
function describe(filters: UnitFilters): string {
  const parts = [
    filters.q ? `搜索“${filters.q}”` : null,
    filters.level ? (LEVELS.find((level) => level.code === filters.level)?.name ?? null) : null,
    filters.status ? UNIT_STATUS_NAMES[filters.status] : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? parts.join('、') : '全部';
}
