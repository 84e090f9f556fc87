import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LevelCode } from '@itss/shared';
import { In, Not, type Repository } from 'typeorm';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';

/** Whose contacts a message to many units goes to: every active unit, those of some levels, or chosen units. */
export type UnitAudience =
  | { kind: 'all' }
  | { kind: 'levels'; levels: readonly LevelCode[] }
  | { kind: 'units'; unitIds: readonly number[] };

/** One contact of an audience's unit, keyed by the contact row's id (the expansion's keyset). */
export interface AudienceContact {
  contactId: number;
  userId: number;
}

/**
 * The contacts of a set of units, read page by page in contact-id order so a long delivery can stop
 * anywhere and resume from the last id it handled. Everyone and levels mean active units only (a
 * suspended unit is not told the branch's news); chosen units are any not removed, as staff named them.
 */
@Injectable()
export class UnitAudiences {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
  ) {}

  /** Of these unit ids, those that name no unit or a removed one. */
  async unknownUnits(unitIds: readonly number[]): Promise<number[]> {
    if (unitIds.length === 0) return [];
    const found = await this.units.find({
      select: { id: true },
      where: { id: In([...unitIds]), status: Not('removed') },
    });
    const known = new Set(found.map((unit) => unit.id));
    return unitIds.filter((id) => !known.has(id));
  }

  /** Up to `limit` contacts of the audience's units after contact id `after`, in id order. */
  async contactsAfter(audience: UnitAudience, after: number, limit: number): Promise<AudienceContact[]> {
    const qb = this.contacts
      .createQueryBuilder('contact')
      .innerJoin(UnitEntity, 'unit', 'unit.id = contact.unitId')
      .select(['contact.id AS contactId', 'contact.userId AS userId'])
      .where('contact.id > :after', { after });
    if (audience.kind === 'units') {
      qb.andWhere('unit.id IN (:...unitIds)', { unitIds: [...audience.unitIds] }).andWhere(
        'unit.status <> :removed',
        { removed: 'removed' },
      );
    } else {
      qb.andWhere('unit.status = :active', { active: 'active' });
      if (audience.kind === 'levels')
        qb.andWhere('unit.level IN (:...levels)', { levels: [...audience.levels] });
    }
    const rows = await qb.orderBy('contact.id', 'ASC').limit(limit).getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({ contactId: Number(row.contactId), userId: Number(row.userId) }));
  }
}
