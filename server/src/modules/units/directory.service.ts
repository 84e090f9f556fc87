import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type DirectoryResponse, LEVELS, type LevelCode } from '@itss/shared';
import type { Repository } from 'typeorm';
import { decodeCursor, keysetPage } from '../../common/keyset';
import { applyUnitFilters } from './unit-search';
import { UnitEntity } from './unit.entity';

/** Where a page of the directory ends: the last entry's level rank, joining day and id. */
type DirectoryCursor = [rank: number, joinedOn: string, id: number];

function isDirectoryCursor(value: unknown): value is DirectoryCursor {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    Number.isInteger(value[0]) &&
    typeof value[1] === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value[1]) &&
    Number.isSafeInteger(value[2])
  );
}

const RANK_OF = new Map<LevelCode, number>(LEVELS.map((level) => [level.code, level.rank]));
/** The level's rank in SQL, so the database orders and pages by it (the level column holds codes). */
const RANK_SQL = `(CASE unit.level ${LEVELS.map((level) => `WHEN '${level.code}' THEN ${level.rank}`).join(' ')} ELSE 0 END)`;

/**
 * The public member directory (会员名录): active units, the highest levels first and, within a
 * level, the longest-standing members first. Nothing about people. Served through the response
 * cache; UnitsService.directoryChanged forgets it when units change.
 */
@Injectable()
export class DirectoryService {
  constructor(@InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>) {}

  async list(query: {
    q?: string;
    level?: LevelCode;
    limit: number;
    cursor?: string;
  }): Promise<DirectoryResponse> {
    const qb = this.units
      .createQueryBuilder('unit')
      .select(['unit.id', 'unit.name', 'unit.level', 'unit.province', 'unit.joinedOn']);
    // Names only: a public search by credit code would confirm, unthrottled, the guesses that a
    // request to join a unit by its credit code limits to a few an hour.
    applyUnitFilters(qb, { q: query.q, level: query.level, status: 'active' }, { byCreditCode: false });
    if (query.cursor !== undefined) {
      const [rank, joinedOn, id] = decodeCursor(query.cursor, isDirectoryCursor);
      qb.andWhere(
        `(${RANK_SQL} < :rank OR (${RANK_SQL} = :rank AND (unit.joinedOn > :joinedOn OR (unit.joinedOn = :joinedOn AND unit.id > :id))))`,
        { rank, joinedOn, id },
      );
    }
    const rows = await qb
      .orderBy(RANK_SQL, 'DESC')
      .addOrderBy('unit.joinedOn', 'ASC')
      .addOrderBy('unit.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    const { page, nextCursor } = keysetPage(rows, query.limit, (last): DirectoryCursor => [
      RANK_OF.get(last.level) ?? 0,
      last.joinedOn,
      last.id,
    ]);
    return {
      items: page.map((unit) => ({
        id: unit.id,
        name: unit.name,
        level: unit.level,
        province: unit.province,
        joinedYear: Number(unit.joinedOn.slice(0, 4)),
      })),
      nextCursor,
    };
  }
}
