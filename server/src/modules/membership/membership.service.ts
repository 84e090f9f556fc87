import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  LEVELS,
  OBLIGATIONS,
  RIGHTS_BY_TIER,
  RIGHT_TIERS,
  RIGHT_TIER_NAMES,
  RIGHT_TIER_PREAMBLES,
  type LevelsResponse,
  type ObligationsResponse,
  tiersOfLevel,
} from '@itss/shared';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import type { Repository } from 'typeorm';
import { RetryOnConflict } from '../../database/conflicts';
import { seedIfEmpty } from '../../database/seed';
import {
  MembershipLevelEntity,
  MembershipObligationEntity,
  MembershipRightEntity,
} from './membership.entity';

@Injectable()
export class MembershipService implements OnModuleInit {
  constructor(
    @InjectRepository(MembershipLevelEntity) private readonly levelRows: Repository<MembershipLevelEntity>,
    @InjectRepository(MembershipRightEntity) private readonly rightRows: Repository<MembershipRightEntity>,
    @InjectRepository(MembershipObligationEntity)
    private readonly obligationRows: Repository<MembershipObligationEntity>,
  ) {}

  /** First start: the handbook's levels, rights and obligations. Later starts leave staff edits alone. */
  @RetryOnConflict()
  @Transactional()
  async onModuleInit(): Promise<void> {
    await seedIfEmpty(this.levelRows, () => LEVELS.map((level) => ({ ...level })));
    await seedIfEmpty(this.rightRows, () =>
      RIGHT_TIERS.flatMap((tier) => RIGHTS_BY_TIER[tier].map((text, i) => ({ tier, position: i + 1, text }))),
    );
    await seedIfEmpty(this.obligationRows, () => OBLIGATIONS.map((text, i) => ({ position: i + 1, text })));
  }

  async levels(): Promise<LevelsResponse> {
    const [levels, rights] = await Promise.all([
      this.levelRows.find({ order: { rank: 'ASC' } }),
      this.rightRows.find({ order: { position: 'ASC' } }),
    ]);
    return {
      items: levels.map((level) => ({
        code: level.code,
        name: level.name,
        annualFeeYuan: level.annualFeeYuan,
        rank: level.rank,
        // Cumulative by the handbook's rule: each level holds every right of each of its tiers.
        rights: tiersOfLevel(level.code).flatMap((tier) =>
          rights.filter((right) => right.tier === tier).map((right) => ({ text: right.text, tier })),
        ),
      })),
      tiers: RIGHT_TIERS.map((tier) => ({
        tier,
        name: RIGHT_TIER_NAMES[tier],
        ...(tier === 'member' ? {} : { preamble: RIGHT_TIER_PREAMBLES[tier] }),
      })),
    };
  }

  async obligations(): Promise<ObligationsResponse> {
    const rows = await this.obligationRows.find({ order: { position: 'ASC' } });
    return { items: rows.map((row) => ({ order: row.position, text: row.text })) };
  }
}
