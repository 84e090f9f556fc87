import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { EventError, type Material, type materialCreateSchema, type materialListSchema } from '@itss/shared';
import { Not, type Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { FilesService } from '../files/files.service';
import { AttendancePolicy, NOBODY } from './attendance.policy';
import { EventMaterialEntity } from './event-material.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';

export type MaterialCreateParsed = z.output<typeof materialCreateSchema>;
type MaterialList = z.infer<typeof materialListSchema>;

/** Files of this owner type are event materials, read under the materials' rule. */
const FILE_OWNER = 'event_material';

/**
 * Materials (PDFs: slides, handouts) staff share with an event's registrants. Registrants with a
 * live registration and staff read the list and the files; to anyone else the event's materials
 * do not exist (404), on the list's route and on the files' own.
 */
@Injectable()
export class MaterialsService implements OnModuleInit {
  constructor(
    @InjectRepository(EventMaterialEntity) private readonly materials: Repository<EventMaterialEntity>,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly policy: AttendancePolicy,
  ) {}

  onModuleInit(): void {
    this.files.allowReaders(FILE_OWNER, async (actor, materialId) => {
      const material = await this.materials.findOneBy({ id: materialId });
      return (
        material !== null &&
        this.policy.can(actor, 'read_materials', await this.relationOf(actor, material.eventId))
      );
    });
  }

  /**
   * The staff member's uploaded PDF becomes one of the event's materials. The same file again is a
   * success that records nothing (copies sent at once: the file's unique key reruns the later ones,
   * which find the first); a file of another record, or another person's upload, is refused.
   */
  @RetryOnConflict()
  @Transactional()
  async add(ctx: SignedInContext, eventId: number, input: MaterialCreateParsed): Promise<Material> {
    authorize(this.policy, ctx, 'add_material', NOBODY);
    const event = await this.events.findOneBy({ id: eventId });
    if (!event) throw new AppError(EventError.NotFound);
    const known = await this.materials.findOneBy({ fileId: input.fileId });
    if (known) {
      if (known.eventId !== eventId) throw new AppError(EventError.MaterialFileUnusable);
      return this.present(known, (await this.files.describe([known.fileId])).get(known.fileId)?.size ?? 0);
    }
    const file = await this.files.record(input.fileId);
    if (file && file.contentType !== 'application/pdf') throw new AppError(EventError.MaterialNotPdf);
    const material = await this.materials.save(
      this.materials.create({
        eventId,
        fileId: input.fileId,
        title: input.title,
        createdBy: ctx.user.id,
        createdAt: now(),
      }),
    );
    if (!file || !(await this.files.claim(ctx, input.fileId, { type: FILE_OWNER, id: material.id }))) {
      throw new AppError(EventError.MaterialFileUnusable);
    }
    await this.audit.record(ctx, {
      action: 'event.material_added',
      target: { type: 'event', id: eventId },
      detail: `${event.title}：${input.title}`,
    });
    return this.present(material, file.size);
  }

  /** The event's materials, oldest first, for its registrants and staff; 404 for anyone else. */
  async list(ctx: RequestContext, eventId: number): Promise<MaterialList> {
    const event = await this.events.findOneBy({ id: eventId });
    if (!event || !this.policy.can(ctx, 'read_materials', await this.relationOf(ctx, eventId))) {
      throw new AppError(EventError.NotFound);
    }
    const rows = await this.materials.find({ where: { eventId }, order: { id: 'ASC' } });
    const sizes = await this.files.describe(rows.map((row) => row.fileId));
    return { items: rows.map((row) => this.present(row, sizes.get(row.fileId)?.size ?? 0)) };
  }

  private async relationOf(actor: RequestContext, eventId: number) {
    const isRegistrant =
      actor.user !== null &&
      (await this.registrations.existsBy({ eventId, userId: actor.user.id, state: Not('cancelled') }));
    return { isOwner: false, isRegistrant };
  }

  private present(row: EventMaterialEntity, sizeBytes: number): Material {
    return {
      id: row.id,
      title: row.title,
      url: `/api/files/${row.fileId}`,
      sizeBytes,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
