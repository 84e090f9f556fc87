import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { BILL_OPEN_STATUSES, DUES_PAGE, formatFen } from '@itss/shared';
import { In, LessThanOrEqual, type Repository } from 'typeorm';
import { beijingDate } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsService } from '../units/units.service';
import { BillEntity } from './bill.entity';
import { DuesReminderEntity, REMINDER_STEPS, type ReminderStep } from './reminders.entity';

const DAY_MS = 24 * 60 * 60_000;
const EARLIEST_STEP_DAYS = Math.min(...Object.values(REMINDER_STEPS));
/** Bills looked at per read of their reminders. */
const BATCH = 500;

/** A calendar day `days` after `day` (both YYYY-MM-DD). */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last minute of a Beijing day, as the template's time field shows a due date. */
function endOfDay(day: string): Date {
  return new Date(`${day}T23:59:00+08:00`);
}

/**
 * The step a bill is due for on `today`: the latest whose day has come. A bill that reaches the
 * job after several steps' days (opened late, or the server was down) gets only the latest, not a
 * burst of stale ones.
 */
export function dueStep(dueDate: string, today: string): ReminderStep | null {
  let latest: ReminderStep | null = null;
  for (const [step, days] of Object.entries(REMINDER_STEPS) as [ReminderStep, number][]) {
    if (addDays(dueDate, days) <= today) latest = step;
  }
  return latest;
}

const WORDING: Record<ReminderStep, { when: (dueDate: string) => string; note: string }> = {
  before_30: { when: (dueDate) => `将于 ${dueDate} 截止`, note: '30 天后截止' },
  before_7: { when: (dueDate) => `将于 ${dueDate} 截止，还有 7 天`, note: '7 天后截止' },
  due: { when: (dueDate) => `今天（${dueDate}）截止`, note: '今天截止' },
  after_30: { when: (dueDate) => `已于 ${dueDate} 截止，现已逾期 30 天`, note: '已逾期 30 天，请尽快缴纳' },
};

/**
 * Reminders of open bills to the unit's contacts: 30 and 7 days before the due date, on it, and 30
 * days after. Each bill's step is sent once (`dues_reminders`), never for a bill paid, waived or
 * void by the time its transaction reads it.
 */
@Injectable()
export class DuesReminders {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    @InjectRepository(DuesReminderEntity) private readonly reminders: Repository<DuesReminderEntity>,
    private readonly units: UnitsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Sends every step due on `now`'s Beijing day that was not sent; the number of bills reminded. */
  async sendDue(now: Date): Promise<number> {
    const today = beijingDate(now);
    const candidates = await this.bills.find({
      select: { id: true, dueDate: true },
      where: {
        status: In([...BILL_OPEN_STATUSES]),
        dueDate: LessThanOrEqual(addDays(today, -EARLIEST_STEP_DAYS)),
      },
      order: { id: 'ASC' },
    });
    let sent = 0;
    for (let i = 0; i < candidates.length; i += BATCH) {
      const batch = candidates.slice(i, i + BATCH);
      const done = await this.reminders.find({
        select: { billId: true, step: true },
        where: { billId: In(batch.map((bill) => bill.id)) },
      });
      const told = new Set(done.map((row) => `${row.billId}:${row.step}`));
      for (const bill of batch) {
        const step = dueStep(bill.dueDate, today);
        if (step && !told.has(`${bill.id}:${step}`) && (await this.send(bill.id, step, now))) sent += 1;
      }
    }
    return sent;
  }

  /**
   * One bill's step, its row and its messages in one transaction. Two runs at once both insert the
   * row; the second waits on the key and, once the first commits, reruns and finds it.
   */
  @RetryOnConflict()
  @Transactional()
  private async send(billId: number, step: ReminderStep, now: Date): Promise<boolean> {
    await lockRows(this.bills, [billId]);
    const bill = await this.bills.findOneBy({ id: billId });
    if (!bill || !BILL_OPEN_STATUSES.includes(bill.status)) return false;
    if (await this.reminders.existsBy({ billId, step })) return false;
    const contacts = await this.units.contactUserIds(bill.unitId);
    await this.reminders.insert({ billId, step, recipients: contacts.length, sentAt: now });
    const unitName = (await this.units.namesOf([bill.unitId])).get(bill.unitId) ?? '';
    const owed = formatFen(bill.amountFen - bill.paidFen);
    const wording = WORDING[step];
    for (const userId of contacts) {
      await this.notifications.notify(userId, {
        purpose: 'dues_reminder',
        title: '会费缴纳提醒',
        body:
          `${unitName} ${bill.year} 年度会费尚有 ${owed}未缴，${wording.when(bill.dueDate)}。` +
          `可对公转账（附言请填写汇款识别码 ${bill.remittanceCode}），或在会费页面微信支付。`,
        page: `${DUES_PAGE}?unitId=${bill.unitId}`,
        fields: { unitName, amount: owed, dueDate: endOfDay(bill.dueDate), note: wording.note },
      });
    }
    return true;
  }
}
