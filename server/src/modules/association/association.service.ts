import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type AssociationResponse,
  ErrorCode,
  SERVICES,
  type ServicesResponse,
  associationResponseSchema,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/app-error';
import { seedIfEmpty } from '../../database/seed';
import { HANDBOOK_PROFILE } from './association.content';
import { AssociationContentEntity, MemberServiceEntity } from './association.entity';

const PROFILE_KEY = 'profile';

@Injectable()
export class AssociationService implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await seedIfEmpty(manager, AssociationContentEntity, () => [
        { key: PROFILE_KEY, value: HANDBOOK_PROFILE },
      ]);
      await seedIfEmpty(manager, MemberServiceEntity, () =>
        SERVICES.map((text, i) => ({ position: i + 1, text })),
      );
    });
  }

  async profile(): Promise<AssociationResponse> {
    const row = await this.dataSource.getRepository(AssociationContentEntity).findOneBy({ key: PROFILE_KEY });
    if (!row) throw new AppError(ErrorCode.NotFound, '分会介绍尚未发布，请稍后再试');
    // The document is stored as JSON: parse it through the contract so a bad edit fails here, loudly.
    return associationResponseSchema.parse(row.value);
  }

  async services(): Promise<ServicesResponse> {
    const rows = await this.dataSource
      .getRepository(MemberServiceEntity)
      .find({ order: { position: 'ASC' } });
    return { items: rows.map((row) => ({ order: row.position, text: row.text })) };
  }
}
