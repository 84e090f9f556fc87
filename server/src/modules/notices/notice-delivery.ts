import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { ARTICLE_PAGE, noticeAudienceSchema } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { JobScheduler } from '../../jobs/job-scheduler';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitAudiences } from '../units/unit-audience';
import { NoticeDeliveryEntity, NoticeEntity } from './notice.entity';

/** A new notice reaches 消息 within this of being sent. */
export const NOTICE_DELIVERY_EVERY_MS = 5_000;
/** Contacts per transaction: large enough to be quick, small enough that a batch's WeChat sends are short. */
export const NOTICE_BATCH = 100;

export interface DeliveryOptions {
  batchSize?: number;
  /** Stop after this many batches (a test's stand-in for a process stopped mid-delivery). */
  maxBatches?: number;
}

/**
 * The job that delivers notices: for each notice not yet sent, oldest first, the next batch of its
 * audience's contacts gets a message in 消息 (and, once the batch has committed, a WeChat subscribe
 * message where they hold a credit). The batch's messages, delivery rows and the notice's cursor
 * commit together, so a process stopped anywhere resumes after the last batch it committed, and a
 * second process running the job at once waits on the notice's row (or collides on a delivery's
 * key) and sends nobody anything twice.
 */
@Injectable()
export class NoticeDelivery implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(NoticeDelivery.name);
  /** The delivery a send started in this process, if one is under way. */
  private running: Promise<void> | null = null;
  /** A send came while it ran: it runs once more, for that notice. */
  private again = false;
  /**
   * Set as shutdown begins (module destruction runs before the scheduler awaits the run under way):
   * that run stops after its batch, and the next process resumes.
   */
  private stopping = false;

  constructor(
    @InjectRepository(NoticeEntity) private readonly notices: Repository<NoticeEntity>,
    @InjectRepository(NoticeDeliveryEntity) private readonly deliveries: Repository<NoticeDeliveryEntity>,
    private readonly jobs: JobScheduler,
    private readonly audiences: UnitAudiences,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'notices.deliver',
      schedule: { everyMs: NOTICE_DELIVERY_EVERY_MS },
      run: () => this.deliverPending(),
    });
  }

  onModuleDestroy(): void {
    this.stopping = true;
  }

  /** A delivery a send started finishes its batch before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /**
   * Starts delivering now, in the background, once a notice is sent: people see it in 消息 at
   * once rather than at the job's next slot, and the request does not wait. One such run at a time
   * in a process; the job (and other processes) run beside it safely.
   */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.deliverPending();
        } catch (error) {
          // The job's next slot resumes where this stopped.
          this.logger.warn(
            `notice delivery stopped: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      } while (this.again && !this.stopping);
    })().finally(() => (this.running = null));
  }

  /** Resolves once the delivery a send started (if any) has finished. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Delivers what is pending, batch by batch; the number of batches run. */
  async deliverPending({
    batchSize = NOTICE_BATCH,
    maxBatches = Infinity,
  }: DeliveryOptions = {}): Promise<number> {
    const pending = await this.notices.find({
      select: { id: true },
      where: { state: In(['queued', 'sending']) },
      order: { id: 'ASC' },
    });
    let batches = 0;
    for (const { id } of pending) {
      let more = true;
      while (more && batches < maxBatches && !this.stopping) {
        batches += 1;
        more = await this.deliverBatch(id, batchSize);
      }
    }
    return batches;
  }

  /** One batch of one notice; whether contacts may remain after it. */
  @RetryOnConflict()
  @Transactional()
  private async deliverBatch(noticeId: number, batchSize: number): Promise<boolean> {
    await lockRows(this.notices, [noticeId]);
    const notice = await this.notices.findOneBy({ id: noticeId });
    if (!notice || notice.state === 'sent') return false;
    const audience = noticeAudienceSchema.parse(JSON.parse(notice.audience));
    const contacts = await this.audiences.contactsAfter(audience, notice.cursor, batchSize);
    // A person who moved to another unit of the audience mid-delivery is met again: told once.
    const told = contacts.length
      ? await this.deliveries.find({
          select: { userId: true },
          where: { noticeId, userId: In(contacts.map((contact) => contact.userId)) },
        })
      : [];
    const skip = new Set(told.map((row) => row.userId));
    const at = now();
    for (const { userId } of contacts) {
      if (skip.has(userId)) continue;
      skip.add(userId);
      const messageId = await this.notifications.notify(userId, {
        purpose: 'notice',
        title: notice.title,
        body: notice.text,
        page: notice.linkKind === 'article' ? `${ARTICLE_PAGE}?id=${notice.linkId}` : null,
        fields: { title: notice.title, summary: notice.text, at: notice.createdAt },
      });
      await this.deliveries.insert({ noticeId, userId, messageId, createdAt: at });
    }
    const done = contacts.length < batchSize;
    await this.notices.update(noticeId, {
      cursor: contacts.at(-1)?.contactId ?? notice.cursor,
      state: done ? 'sent' : 'sending',
      sentAt: done ? at : null,
    });
    return !done;
  }
}
