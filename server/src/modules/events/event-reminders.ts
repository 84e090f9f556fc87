import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { TICKET_PAGE } from '@itss/shared';
import { IsNull, type Repository } from 'typeorm';
import { beijingDateTime } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { JobScheduler } from '../../jobs/job-scheduler';
import { NotificationsService } from '../notifications/notifications.service';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';

/** How often the job looks for sessions entering their last day: a reminder comes 23 h 55 min to 24 h ahead. */
export const REMIND_EVERY_MS = 5 * 60_000;
/** Reminders go out this long before a session starts. */
export const REMIND_AHEAD_MS = 24 * 60 * 60_000;
/** What a template's place field shows for an online event. */
const ONLINE_PLACE = '线上（视频号直播）';

/**
 * 活动开始提醒: a day before each session, every confirmed registrant hears of it (消息 always, a
 * WeChat subscribe message where they allowed one); the booker of a unit's seats hears once. A
 * session is claimed by setting `reminded_at` where it is still NULL, in the transaction that writes
 * its messages, so however many replicas or reruns, a session is reminded once.
 */
@Injectable()
export class EventReminders implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'events.reminders',
      schedule: { everyMs: REMIND_EVERY_MS },
      run: (now) => this.sendDue(now),
    });
  }

  /** Reminds every session of a published event starting within the next day and not reminded yet. */
  async sendDue(at: Date): Promise<{ sessions: number; people: number }> {
    const due = await this.sessions
      .createQueryBuilder('session')
      .innerJoin(EventEntity, 'event', 'event.id = session.eventId')
      .where('session.remindedAt IS NULL')
      .andWhere('session.startsAt > :at AND session.startsAt <= :until', {
        at,
        until: new Date(at.getTime() + REMIND_AHEAD_MS),
      })
      .andWhere("event.state = 'published'")
      .orderBy('session.startsAt', 'ASC')
      .getMany();
    let sessions = 0;
    let people = 0;
    for (const session of due) {
      const told = await this.remind(session.id, at);
      if (told === null) continue;
      sessions++;
      people += told;
    }
    return { sessions, people };
  }

  /** One session's reminders, with its claim: null when another run claimed it first. */
  @RetryOnConflict()
  @Transactional()
  async remind(sessionId: number, at: Date): Promise<number | null> {
    const claimed = await this.sessions.update({ id: sessionId, remindedAt: IsNull() }, { remindedAt: at });
    if ((claimed.affected ?? 0) === 0) return null;
    const session = await this.sessions.findOneByOrFail({ id: sessionId });
    const event = await this.events.findOneByOrFail({ id: session.eventId });
    const seats = await this.registrations.find({
      where: { sessionId, state: 'confirmed' },
      order: { id: 'ASC' },
    });
    const place = event.placeMode === 'offline' ? event.placeText : ONLINE_PLACE;
    // A booker of several seats hears once, on their first seat's page.
    const firstSeat = new Map<number, RegistrationEntity>();
    for (const seat of seats) if (!firstSeat.has(seat.userId)) firstSeat.set(seat.userId, seat);
    for (const [userId, seat] of firstSeat) {
      await this.notifications.notify(userId, {
        purpose: 'event_reminder',
        title: '活动开始提醒',
        body: `您报名的「${event.title}」（${session.title}）将于 ${beijingDateTime(session.startsAt)}（北京时间）开始，地点：${place}。请凭电子票到场签到。`,
        page: `${TICKET_PAGE}?id=${seat.id}`,
        fields: { eventTitle: event.title, startsAt: session.startsAt, place },
      });
    }
    return firstSeat.size;
  }
}
