import { Controller, Get, Query } from '@nestjs/common';
import { type LevelsResponse, type ObligationsResponse, noQuerySchema } from '@itss/shared';
import { Public } from '../../common/access.decorators';
import { CachedResponse } from '../../state/cached-response';
import { MembershipService } from './membership.service';

@Controller('membership')
export class MembershipController {
  constructor(private readonly membership: MembershipService) {}

  @Public()
  @Get('levels')
  @CachedResponse('membership:levels')
  levels(@Query({ schema: noQuerySchema }) _query: object): Promise<LevelsResponse> {
    return this.membership.levels();
  }

  @Public()
  @Get('obligations')
  @CachedResponse('membership:obligations')
  obligations(@Query({ schema: noQuerySchema }) _query: object): Promise<ObligationsResponse> {
    return this.membership.obligations();
  }
}
