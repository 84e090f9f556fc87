import type { Readable } from 'node:stream';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, type StoredFile } from '@itss/shared';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { type RequestContext, isStaff } from '../../common/request-context';
import { FilesService } from '../files/files.service';
import { EventEntity } from './event.entity';

/** The owner type of an event's cover in the files feature. */
export const EVENT_COVER_OWNER = 'event_cover';

/**
 * Events' covers, part of the public teaser: served from their own route without a session, as
 * articles serve theirs. Whoever reads the list reads the cover of a published (or closed, or
 * cancelled) event; a draft's cover, and a picture an event no longer shows, are staff's alone.
 */
@Injectable()
export class EventCovers implements OnModuleInit {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    private readonly files: FilesService,
  ) {}

  onModuleInit(): void {
    // Both routes that serve files (/api/files/:id and the covers' route) ask this one rule.
    this.files.allowReaders(EVENT_COVER_OWNER, (actor, eventId, fileId) =>
      this.coverAllows(actor, eventId, fileId),
    );
  }

  /**
   * A cover by its file id: an event's cover under the rule above, or an upload not yet claimed to
   * its uploader (staff previewing a new cover). Any other feature's file is 404 here. Covers of
   * events out in the open may be kept by shared caches.
   */
  async open(
    ctx: RequestContext,
    fileId: number,
  ): Promise<{ file: StoredFile; bytes: Readable; cacheControl: string }> {
    const file = await this.files.record(fileId);
    if (!file || (file.ownerType !== null && file.ownerType !== EVENT_COVER_OWNER)) {
      throw new AppError(ErrorCode.NotFound);
    }
    await this.files.readable(ctx, file);
    const everyone = file.ownerId !== null && (await this.shownToEveryone(file.ownerId, file.id));
    const { uploadedBy: _uploader, ownerType: _type, ownerId: _owner, ...stored } = file;
    return {
      file: stored,
      bytes: await this.files.bytesOf(file),
      cacheControl: everyone ? 'public, max-age=300' : 'private, max-age=300',
    };
  }

  private async coverAllows(actor: RequestContext, eventId: number, fileId: number): Promise<boolean> {
    return isStaff(actor) || this.shownToEveryone(eventId, fileId);
  }

  private async shownToEveryone(eventId: number, fileId: number): Promise<boolean> {
    const event = await this.events.findOne({
      where: { id: eventId },
      select: { id: true, state: true, coverFileId: true },
    });
    return event !== null && event.state !== 'draft' && event.coverFileId === fileId;
  }
}
