import { Controller, Get, Query } from '@nestjs/common';
import { type AssociationResponse, type ServicesResponse, noQuerySchema } from '@itss/shared';
import { Public } from '../../common/access.decorators';
import { CachedResponse } from '../../state/cached-response';
import { AssociationService } from './association.service';

@Controller()
export class AssociationController {
  constructor(private readonly association: AssociationService) {}

  @Public()
  @Get('association')
  @CachedResponse('association:profile')
  profile(@Query({ schema: noQuerySchema }) _query: object): Promise<AssociationResponse> {
    return this.association.profile();
  }

  @Public()
  @Get('services')
  @CachedResponse('association:services')
  services(@Query({ schema: noQuerySchema }) _query: object): Promise<ServicesResponse> {
    return this.association.services();
  }
}
