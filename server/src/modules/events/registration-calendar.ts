import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { RegistrationError } from '@itss/shared';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { EventDeskPolicy } from './event-desk.policy';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';

/** The UID's domain: stable per registration, so a second download updates the entry rather than doubling it. */
const UID_DOMAIN = 'events.itss-member-services';

/** 添加到日历 on H5: the caller's registration as an .ics file of its session. */
@Injectable()
export class RegistrationCalendar {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    private readonly policy: EventDeskPolicy,
  ) {}

  /** The file's text and the name it downloads under; 404 to anyone but the owner, and once cancelled. */
  async ics(ctx: SignedInContext, registrationId: number): Promise<{ name: string; text: string }> {
    const row = await this.registrations.findOneBy({ id: registrationId });
    authorize(this.policy, ctx, 'actOwn', { isOwner: row?.userId === ctx.user.id }, { hide: true });
    if (!row || row.state === 'cancelled') throw new AppError(RegistrationError.NotFound);
    const event = await this.events.findOneByOrFail({ id: row.eventId });
    const session = await this.sessions.findOneByOrFail({ id: row.sessionId });
    const online = event.placeMode === 'online';
    // ical-generator writes RFC 5545 as phone calendars import it: CRLF, escaped text, folded lines, UTC.
    const calendar = ical({
      prodId: { company: 'ITSS', product: 'Member Services', language: 'ZH' },
      method: ICalCalendarMethod.PUBLISH,
    });
    calendar.createEvent({
      id: `registration-${row.id}@${UID_DOMAIN}`,
      stamp: now(),
      start: session.startsAt,
      end: session.endsAt,
      summary: `${event.title}（${session.title}）`,
      location: online ? `线上直播：${event.placeText}` : event.placeText,
      description: [event.summary, '凭电子票签到：我的 → 我的活动'].filter(Boolean).join('\n'),
      url: online && event.placeText.startsWith('https://') ? event.placeText : null,
    });
    // Every content line ends with CRLF, the last one too (RFC 5545 §3.1).
    const text = `${calendar.toString()}\r\n`;
    return { name: `${event.title}.ics`, text };
  }
}
