import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  type Group,
  type GroupEntry,
  type GroupList,
  type GroupRemoval,
  type GroupRemovalList,
  type GroupTodo,
  type GroupTodoList,
  createGroupRequestSchema,
  groupIdParamSchema,
  groupTaskIdParamSchema,
  groupTaskListQuerySchema,
  noQuerySchema,
  updateGroupRequestSchema,
} from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { readCodeUpload } from './code-upload';
import { GroupCodesService } from './group-codes.service';
import { GroupEntryService } from './group-entry.service';
import { GroupTasksService } from './group-tasks.service';
import { GroupsService } from './groups.service';

function doneFilter(query: z.output<typeof groupTaskListQuerySchema>): boolean | undefined {
  return query.done === undefined ? undefined : query.done === 'true';
}

@Controller('groups')
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly codes: GroupCodesService,
    private readonly entryService: GroupEntryService,
    private readonly tasks: GroupTasksService,
  ) {}

  @StaffOnly()
  @Get()
  list(@Ctx() ctx: SignedInContext, @Query({ schema: noQuerySchema }) _query: object): Promise<GroupList> {
    return this.groups.list(ctx);
  }

  @StaffOnly()
  @Post()
  create(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: createGroupRequestSchema }) body: z.output<typeof createGroupRequestSchema>,
  ): Promise<Group> {
    return this.groups.create(ctx, body);
  }

  /** Any signed-in person may ask; the answer says whether they are a member (403 otherwise). */
  @Get('entry')
  entry(@Ctx() ctx: SignedInContext, @Query({ schema: noQuerySchema }) _query: object): Promise<GroupEntry> {
    return this.entryService.entry(ctx);
  }

  @StaffOnly()
  @Get('todos')
  todos(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: groupTaskListQuerySchema }) query: z.output<typeof groupTaskListQuerySchema>,
  ): Promise<GroupTodoList> {
    return this.tasks.todoList(ctx, doneFilter(query));
  }

  @StaffOnly()
  @Post('todos/:id/done')
  @HttpCode(200)
  completeTodo(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: groupTaskIdParamSchema }) params: z.output<typeof groupTaskIdParamSchema>,
  ): Promise<GroupTodo> {
    return this.tasks.completeTodo(ctx, params.id);
  }

  @StaffOnly()
  @Get('removals')
  removals(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: groupTaskListQuerySchema }) query: z.output<typeof groupTaskListQuerySchema>,
  ): Promise<GroupRemovalList> {
    return this.tasks.removalList(ctx, doneFilter(query));
  }

  @StaffOnly()
  @Post('removals/:id/done')
  @HttpCode(200)
  completeRemoval(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: groupTaskIdParamSchema }) params: z.output<typeof groupTaskIdParamSchema>,
  ): Promise<GroupRemoval> {
    return this.tasks.completeRemoval(ctx, params.id);
  }

  @StaffOnly()
  @Patch(':id')
  update(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: groupIdParamSchema }) params: z.output<typeof groupIdParamSchema>,
    @Body({ schema: updateGroupRequestSchema }) body: z.output<typeof updateGroupRequestSchema>,
  ): Promise<Group> {
    return this.groups.update(ctx, params.id, body);
  }

  /** Multipart: the image in the field `file`, and optionally `expiresAt`. */
  @StaffOnly()
  @Put(':id/code')
  uploadCode(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: groupIdParamSchema }) params: z.output<typeof groupIdParamSchema>,
    @Req() request: FastifyRequest,
  ): Promise<Group> {
    return this.codes.uploadCode(ctx, params.id, () => readCodeUpload(request));
  }

  /** The same upload by POST: `wx.uploadFile`, the one way a mini-program sends a file, only POSTs. */
  @StaffOnly()
  @Post(':id/code')
  @HttpCode(200)
  uploadCodeFromWeapp(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: groupIdParamSchema }) params: z.output<typeof groupIdParamSchema>,
    @Req() request: FastifyRequest,
  ): Promise<Group> {
    return this.uploadCode(ctx, params, request);
  }

  /** The image itself, never cached: who may see it changes with their unit and the code's expiry. */
  @Get(':id/code')
  @Header('Cache-Control', 'no-store')
  async code(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: groupIdParamSchema }) params: z.output<typeof groupIdParamSchema>,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<StreamableFile> {
    const image = await this.entryService.code(ctx, params.id);
    return new StreamableFile(image.bytes, { type: image.contentType, length: image.size });
  }
}
