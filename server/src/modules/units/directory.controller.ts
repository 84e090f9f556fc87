import { Controller, Get, Query } from '@nestjs/common';
import { type DirectoryResponse, directoryQuerySchema } from '@itss/shared';
import type { z } from 'zod';
import { Public } from '../../common/access.decorators';
import { CachedResponse } from '../../state/cached-response';
import { DirectoryService } from './directory.service';
import { UNITS_CACHE_PREFIX } from './units.service';

/** 会员名录: public, the same for everyone, so served from the shared response cache. */
@Controller('directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Public()
  @Get()
  @CachedResponse(`${UNITS_CACHE_PREFIX}directory`)
  list(
    @Query({ schema: directoryQuerySchema }) query: z.output<typeof directoryQuerySchema>,
  ): Promise<DirectoryResponse> {
    return this.directory.list(query);
  }
}
