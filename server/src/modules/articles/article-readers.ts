import { Injectable } from '@nestjs/common';
import { levelByCode } from '@itss/shared';
import { type RequestContext, isStaff } from '../../common/request-context';
import { UnitsService } from '../units/units.service';
import type { ReaderStanding } from './articles.policy';

/** Every cached answer built from articles (reader lists and details) lives under this prefix. */
export const ARTICLES_CACHE_PREFIX = 'articles:';

const COMMITTEE_RANK = levelByCode('committee').rank;

/** Who the caller is as a reader: what their unit (if they speak for an active one) lets them read. */
@Injectable()
export class ArticleReaders {
  constructor(private readonly units: UnitsService) {}

  /** Staff and anonymous callers cost no read: staff read everything, strangers only public text. */
  async standingOf(ctx: RequestContext): Promise<ReaderStanding> {
    if (!ctx.user || isStaff(ctx)) return 'public';
    const membership = await this.units.membershipOf(ctx.user.id);
    if (!membership || membership.status !== 'active') return 'public';
    return levelByCode(membership.level).rank >= COMMITTEE_RANK ? 'committee' : 'member';
  }
}
