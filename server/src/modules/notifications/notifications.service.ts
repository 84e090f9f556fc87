import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  type Message,
  type MessageListResponse,
  type NotificationFields,
  type NotificationPurpose,
  type NotificationTemplatesResponse,
  type SubscriptionCreditsResponse,
  TEMPLATE_FIELD_LENGTHS,
  notificationDeclaration,
  notificationPurposes,
  NotificationErrorMessage,
} from '@itss/shared';
import { In, IsNull, MoreThan, type Repository } from 'typeorm';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { pageById } from '../../common/keyset';
import { beijingDateTime } from '../../common/time';
import type { SignedInContext } from '../../common/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { WechatClient } from '../../wechat/wechat.client';
import { UsersService } from '../users/users.service';
import { MessageEntity, SubscriptionCreditEntity } from './notification.entity';
import { NotificationsPolicy } from './notifications.policy';

/** What a feature tells a person: the in-app message and the values of its purpose's template fields. */
export type Notification = {
  [P in NotificationPurpose]: {
    purpose: P;
    title: string;
    body: string;
    page: string | null;
    fields: NotificationFields<P>;
  };
}[NotificationPurpose];

/**
 * The template's data as WeChat takes it, from the purpose's declared fields: text cut to what
 * WeChat keeps of its kind, an instant as Beijing time (WeChat shows the time as written).
 */
function templateData({ purpose, fields }: Notification): Record<string, string> {
  const values: Record<string, string | Date> = fields;
  const data: Record<string, string> = {};
  for (const [name, { key, whenEmpty }] of Object.entries(notificationDeclaration(purpose).fields)) {
    const value = values[name] ?? '';
    if (value instanceof Date) data[key] = beijingDateTime(value);
    else if (key.startsWith('phrase'))
      data[key] = [...value].slice(0, TEMPLATE_FIELD_LENGTHS.phrase).join('');
    else data[key] = clip(value || (whenEmpty ?? ''), TEMPLATE_FIELD_LENGTHS.thing);
  }
  return data;
}

/** Credits beyond this are not kept: a person tapping 允许 a hundred times does not need a hundred. */
const MAX_CREDITS = 50;

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(SubscriptionCreditEntity)
    private readonly credits: Repository<SubscriptionCreditEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: NotificationsPolicy,
    private readonly users: UsersService,
    private readonly wechat: WechatClient,
  ) {}

  templates(): NotificationTemplatesResponse {
    return {
      items: notificationPurposes().flatMap((purpose) => {
        const templateId = this.config.wechat.templates[purpose];
        return templateId ? [{ purpose, templateId }] : [];
      }),
    };
  }

  /** Adds a credit for each template the person accepted; other answers change nothing. */
  @RetryOnConflict()
  @Transactional()
  async recordSubscriptions(
    ctx: SignedInContext,
    results: Record<string, string>,
  ): Promise<SubscriptionCreditsResponse> {
    const userId = ctx.user.id;
    for (const purpose of notificationPurposes()) {
      const templateId = this.config.wechat.templates[purpose];
      if (!templateId || results[templateId] !== 'accept') continue;
      // One atomic statement: two accepts at once must both count (a read-then-write loses one).
      const added = await this.credits
        .createQueryBuilder()
        .update()
        .set({
          credits: () => `CASE WHEN credits < ${MAX_CREDITS} THEN credits + 1 ELSE credits END`,
          updatedAt: new Date(),
        })
        .where({ userId, purpose })
        .execute();
      // MariaDB counts changed rows only: a row already at the cap reports 0 yet exists.
      if ((added.affected ?? 0) === 0 && !(await this.credits.existsBy({ userId, purpose }))) {
        // Two first accepts at once collide on the key; RetryOnConflict reruns the loser as an update.
        await this.credits.insert({ userId, purpose, credits: 1, updatedAt: new Date() });
      }
    }
    const held = await this.credits.findBy({ userId });
    return { items: held.map(({ purpose, credits }) => ({ purpose, credits })) };
  }

  /**
   * Writes the in-app message, in the caller's transaction: it exists exactly when the change it
   * reports does. Once that transaction has committed, the message goes out through WeChat
   * (`deliver`, after commit: a slow WeChat never holds a row lock, a rollback sends nothing).
   */
  async notify(userId: number, notification: Notification): Promise<number> {
    const { identifiers } = await this.messages.insert({
      userId,
      purpose: notification.purpose,
      title: notification.title,
      body: notification.body,
      page: notification.page,
      templateData: JSON.stringify(templateData(notification)),
      delivery: 'pending',
      createdAt: new Date(),
      readAt: null,
    });
    const id = Number(identifiers[0]?.id);
    await afterCommit(() => this.deliver([id]));
    return id;
  }

  /**
   * Sends each pending message as a WeChat subscribe message while the person has a credit; a
   * message already sent or settled is left alone. Never throws: the change it reports has
   * committed, and the message is in the app either way.
   */
  private async deliver(messageIds: number[]): Promise<void> {
    for (const id of messageIds) {
      try {
        await this.deliverOne(id);
      } catch (error) {
        this.logger.warn(
          `Message ${id} not delivered: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private async deliverOne(id: number): Promise<void> {
    const message = await this.messages.findOneBy({ id, delivery: 'pending' });
    if (!message) return;
    const templateId = this.config.wechat.templates[message.purpose];
    if (!templateId) return this.mark(id, 'in_app_only');
    if (!(await this.spendCredit(message.userId, message.purpose, templateId))) {
      return this.mark(id, 'no_credit');
    }
    const sharing = { userId: message.userId, purpose: In(this.purposesSharing(templateId)) };
    const user = await this.users.findById(message.userId);
    if (!user) return this.mark(id, 'failed');
    let result: 'sent' | 'no_credit';
    try {
      result = await this.wechat.sendSubscribeMessage({
        openid: user.openid,
        templateId,
        page: message.page,
        data: JSON.parse(message.templateData) as Record<string, string>,
      });
    } catch (error) {
      // Most likely never reached WeChat: the credit is probably unspent there, so keep it here too.
      await this.credits.increment(sharing, 'credits', 1);
      await this.mark(id, 'failed');
      throw error;
    }
    if (result === 'no_credit') {
      // WeChat knows better (the person withdrew consent in settings): believe it.
      await this.credits.update(sharing, { credits: 0 });
    }
    await this.mark(id, result);
  }

  /**
   * Takes one credit if there is one, atomically: two deliveries never spend the same credit.
   * WeChat counts an accept per template, and an accept credited every purpose that names the
   * template: the credit spent here is gone for those purposes too.
   */
  private async spendCredit(
    userId: number,
    purpose: NotificationPurpose,
    templateId: string,
  ): Promise<boolean> {
    const spend = (purposes: NotificationPurpose[]) =>
      this.credits
        .createQueryBuilder()
        .update()
        .set({ credits: () => 'credits - 1', updatedAt: new Date() })
        .where({ userId, purpose: In(purposes), credits: MoreThan(0) })
        .execute();
    const { affected } = await spend([purpose]);
    if ((affected ?? 0) === 0) return false;
    const others = this.purposesSharing(templateId).filter((other) => other !== purpose);
    if (others.length > 0) await spend(others);
    return true;
  }

  /** The purposes configured with this template, which therefore draw on the same WeChat credits. */
  private purposesSharing(templateId: string): NotificationPurpose[] {
    return notificationPurposes().filter((purpose) => this.config.wechat.templates[purpose] === templateId);
  }

  private async mark(id: number, delivery: MessageEntity['delivery']): Promise<void> {
    await this.messages.update({ id }, { delivery });
  }

  /** Newest first; the keyset is the id. */
  async list(
    ctx: SignedInContext,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<MessageListResponse> {
    const { page, nextCursor } = await pageById(this.messages, { userId: ctx.user.id }, { cursor, limit });
    return {
      items: page.map(toMessage),
      nextCursor,
      unread: await this.unread(ctx),
    };
  }

  unread(ctx: SignedInContext): Promise<number> {
    return this.messages.countBy({ userId: ctx.user.id, readAt: IsNull() });
  }

  /**
   * Marking a message read twice is no error: the second changes nothing. Another person's message
   * is answered exactly as one that does not exist, so ids cannot be probed.
   */
  async markRead(ctx: SignedInContext, id: number): Promise<void> {
    const message = await this.messages.findOneBy({ id });
    if (!message || !this.policy.can(ctx, 'read', message)) {
      throw new AppError(NotificationErrorMessage.MessageNotFound);
    }
    await this.messages.update({ id, readAt: IsNull() }, { readAt: new Date() });
  }

  async markAllRead(ctx: SignedInContext): Promise<void> {
    await this.messages.update({ userId: ctx.user.id, readAt: IsNull() }, { readAt: new Date() });
  }
}

function toMessage(m: MessageEntity): Message {
  return {
    id: m.id,
    purpose: m.purpose,
    title: m.title,
    body: m.body,
    page: m.page,
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt?.toISOString() ?? null,
  };
}

/** Cuts by characters (not UTF-16 units), marking the cut with an ellipsis. */
function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
