import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LEVELS, UNIT_STATUS_NAMES } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { type ExportedUnit, UnitExportFacts } from './unit-export-facts';
import { UnitContactEntity } from './unit-contact.entity';
import { type UnitFilters, applyUnitFilters } from './unit-search';
import { type UnitFacts, templateWorkbook, unitsWorkbook } from './unit-sheet';
import { UnitEntity } from './unit.entity';
import { UnitsPolicy } from './units.policy';

/** The most units one export holds: the branch has a few thousand members. */
export const EXPORT_MAX_ROWS = 10_000;
/** Ids per statement: well under SQLite's and MariaDB's limits on bound parameters. */
const CHUNK = 500;

/** Member units out to spreadsheets: the staff list's filters, with what staff need to reach each unit. */
@Injectable()
export class UnitExportService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    private readonly users: UsersService,
    private readonly facts: UnitExportFacts,
    private readonly policy: UnitsPolicy,
    private readonly audit: AuditService,
  ) {}

  /** The filtered units, oldest first (the order they joined the list), as an .xlsx workbook. */
  async export(ctx: SignedInContext, filters: UnitFilters): Promise<Buffer> {
    authorize(this.policy, ctx, 'manage', undefined);
    const qb = this.units.createQueryBuilder('unit');
    applyUnitFilters(qb, filters);
    const rows = await qb.orderBy('unit.id', 'ASC').limit(EXPORT_MAX_ROWS).getMany();
    const facts = await this.factsOf(rows);
    await this.audit.record(ctx, {
      action: 'unit.exported',
      detail: `${describe(filters)}，${rows.length} 家`,
    });
    return unitsWorkbook(rows, facts);
  }

  /** The import template: the import's columns and an example row. */
  template(ctx: SignedInContext): Promise<Buffer> {
    authorize(this.policy, ctx, 'manage', undefined);
    return templateWorkbook();
  }

  /** The contacts' columns (primary contact, phone, count), then what other features contribute. */
  private async factsOf(units: UnitEntity[]): Promise<Map<number, UnitFacts>> {
    const contacts: UnitContactEntity[] = [];
    for (let i = 0; i < units.length; i += CHUNK) {
      const ids = units.slice(i, i + CHUNK).map((unit) => unit.id);
      contacts.push(...(await this.contacts.findBy({ unitId: In(ids) })));
    }
    const primaries = new Map(contacts.filter((contact) => contact.isPrimary).map((c) => [c.unitId, c]));
    const phones = new Map(
      (await this.users.findByIds([...primaries.values()].map((contact) => contact.userId))).map((user) => [
        user.id,
        user.phone,
      ]),
    );
    const counts = new Map<number, number>();
    for (const contact of contacts) counts.set(contact.unitId, (counts.get(contact.unitId) ?? 0) + 1);
    const exported: ExportedUnit[] = units.map((unit) => ({
      id: unit.id,
      primaryUserId: primaries.get(unit.id)?.userId ?? null,
    }));
    const contributed = await this.facts.gather(exported);
    return new Map(
      units.map((unit) => {
        const primary = primaries.get(unit.id);
        const given = contributed.get(unit.id) ?? {};
        const own: UnitFacts = {
          primaryContactName: primary?.name ?? '',
          // The phone bound in the app; else the one the applicant wrote, while still the primary contact.
          primaryContactPhone: (primary && phones.get(primary.userId)) || given.primaryContactPhone || '',
          contactCount: String(counts.get(unit.id) ?? 0),
        };
        return [unit.id, { ...given, ...own }];
      }),
    );
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
