import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type AssociationResponse,
  SERVICE_REWORDINGS,
  SERVICES,
  type ServicesResponse,
  associationResponseSchema,
  AssociationErrorMessage,
} from '@itss/shared';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { RetryOnConflict } from '../../database/conflicts';
import { seedIfEmpty } from '../../database/seed';
import { HANDBOOK_PROFILE } from './association.content';
import { AssociationContentEntity, MemberServiceEntity } from './association.entity';

const PROFILE_KEY = 'profile';

@Injectable()
export class AssociationService implements OnModuleInit {
  constructor(
    @InjectRepository(AssociationContentEntity)
    private readonly content: Repository<AssociationContentEntity>,
    @InjectRepository(MemberServiceEntity) private readonly serviceRows: Repository<MemberServiceEntity>,
  ) {}

  /** First start: the handbook's profile and services. Later starts leave staff edits alone. */
  @RetryOnConflict()
  @Transactional()
  async onModuleInit(): Promise<void> {
    await seedIfEmpty(this.content, () => [{ key: PROFILE_KEY, value: HANDBOOK_PROFILE }]);
    await seedIfEmpty(this.serviceRows, () => SERVICES.map((text, i) => ({ position: i + 1, text })));
    // Rows seeded with the handbook's words before they were reworded; a staff edit is left alone.
    for (const [handbook, shown] of SERVICE_REWORDINGS) {
      await this.serviceRows.update({ text: handbook }, { text: shown });
    }
  }

  async profile(): Promise<AssociationResponse> {
    const row = await this.content.findOneBy({ key: PROFILE_KEY });
    if (!row) throw new AppError(AssociationErrorMessage.IntroNotPublished);
    // The document is stored as JSON: parse it through the contract so a bad edit fails here, loudly.
    return associationResponseSchema.parse(row.value);
  }

  async services(): Promise<ServicesResponse> {
    const rows = await this.serviceRows.find({ order: { position: 'ASC' } });
    return { items: rows.map((row) => ({ order: row.position, text: row.text })) };
  }
}
