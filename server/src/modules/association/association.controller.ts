import { Controller, Get, Query } from '@nestjs/common';
import { type AssociationResponse, type ServicesResponse, noQuerySchema } from '@itss/shared';
import { Public } from '../../common/access.decorators';
import { AssociationService } from './association.service';

@Controller()
export class AssociationController {
  constructor(private readonly association: AssociationService) {}

  @Public()
  @Get('association')
  profile(@Query({ schema: noQuerySchema }) _query: object): Promise<AssociationResponse> {
    return this.association.profile();
  }

  @Public()
  @Get('services')
  services(@Query({ schema: noQuerySchema }) _query: object): Promise<ServicesResponse> {
    return this.association.services();
  }
}
