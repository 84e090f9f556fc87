import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  type LevelCode,
  type Unit,
  UnitError,
  type UnitType,
  maskPhone,
  type UnitStatus,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { ContributesToMe, type MeContributor, type MeFacts } from '../../common/me-contributions';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';
import { SeatLimitsService } from './seat-limits.service';
import { UnitsPolicy } from './units.policy';

/** What an approved application makes a unit of. */
export interface NewUnit {
  name: string;
  creditCode: string;
  unitType: UnitType;
  province: string;
  city: string;
  level: LevelCode;
}

/** The person an approved application makes the unit's primary contact. */
export interface FirstContact {
  userId: number;
  name: string;
  title: string | null;
}

/** What a person is to their unit, for features that build on membership (group entry). */
export interface Membership {
  unitId: number;
  unitName: string;
  level: LevelCode;
  status: UnitStatus;
  contactName: string;
  isPrimary: boolean;
}

/** The branch works on Beijing time: a unit approved at 01:00 there joined that day. */
export function chinaDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

/** The one writer of `units` and `unit_contacts`. */
@Injectable()
@ContributesToMe()
export class UnitsService implements OnModuleInit, MeContributor {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly policy: UnitsPolicy,
    private readonly seatLimits: SeatLimitsService,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('unit', async (ids) => {
      const rows = await this.units.findBy({ id: In(ids) });
      return new Map(rows.map((unit) => [unit.id, unit.name]));
    });
  }

  /**
   * Makes the member unit with its primary contact. Joins the caller's transaction (the approval):
   * the unit, its contact and the audit entry land with the approval or not at all.
   */
  async createFromApplication(
    actor: SignedInContext,
    fields: NewUnit,
    primary: FirstContact,
  ): Promise<UnitEntity> {
    if (await this.contacts.existsBy({ userId: primary.userId })) throw new AppError(UnitError.ContactTaken);
    const now = new Date();
    const unit = await this.units.save(
      this.units.create({ ...fields, status: 'active', joinedOn: chinaDate(now), createdAt: now }),
    );
    await this.contacts.insert({
      unitId: unit.id,
      userId: primary.userId,
      name: primary.name,
      title: primary.title,
      isPrimary: true,
      createdAt: now,
    });
    await this.audit.record(actor, {
      action: 'unit.created',
      target: { type: 'unit', id: unit.id },
      detail: `${unit.name}（${unit.creditCode}）`,
    });
    return unit;
  }

  /** Whether a unit with this credit code is a member now (not removed). */
  async isMember(creditCode: string): Promise<boolean> {
    return this.units.existsBy({ creditCode, status: In(['active', 'suspended']) });
  }

  async isContact(userId: number, unitId: number): Promise<boolean> {
    return this.contacts.existsBy({ userId, unitId });
  }

  /** The unit the person is a contact of, with their place in it; null for anyone else. */
  async membershipOf(userId: number): Promise<Membership | null> {
    const contact = await this.contacts.findOneBy({ userId });
    const unit = contact ? await this.units.findOneBy({ id: contact.unitId }) : null;
    if (!contact || !unit) return null;
    return {
      unitId: unit.id,
      unitName: unit.name,
      level: unit.level,
      status: unit.status,
      contactName: contact.name,
      isPrimary: contact.isPrimary,
    };
  }

  async exists(unitId: number): Promise<boolean> {
    return this.units.existsBy({ id: unitId });
  }

  async get(ctx: SignedInContext, id: number): Promise<Unit> {
    const unit = await this.units.findOneBy({ id });
    const isContact = unit !== null && (await this.isContact(ctx.user.id, id));
    authorize(this.policy, ctx, 'read', { isContact }, { hide: true });
    if (!unit) throw new AppError(ErrorCode.NotFound);
    const contacts = await this.contacts.find({
      where: { unitId: id },
      order: { isPrimary: 'DESC', id: 'ASC' },
    });
    const people = new Map(
      (await this.users.findByIds(contacts.map((contact) => contact.userId))).map((user) => [user.id, user]),
    );
    const primary = contacts.find((contact) => contact.isPrimary);
    const primaryPerson = primary ? people.get(primary.userId) : undefined;
    return {
      id: unit.id,
      name: unit.name,
      creditCode: unit.creditCode,
      unitType: unit.unitType,
      province: unit.province,
      city: unit.city,
      level: unit.level,
      status: unit.status,
      joinedOn: unit.joinedOn,
      isPrimaryContact: primary?.userId === ctx.user.id,
      primaryContact:
        primary && primaryPerson
          ? {
              displayName: primary.name,
              phoneMasked: primaryPerson.phone ? maskPhone(primaryPerson.phone) : null,
            }
          : null,
      contacts: contacts.map((contact) => {
        const phone = people.get(contact.userId)?.phone;
        return {
          userId: contact.userId,
          name: contact.name,
          title: contact.title,
          phoneMasked: phone ? maskPhone(phone) : null,
          isPrimary: contact.isPrimary,
          joinedAt: contact.createdAt.toISOString(),
        };
      }),
      seats: { used: contacts.length, limit: await this.seatLimits.limitFor(unit.level) },
      statusHistory: [],
    };
  }

  /** `GET /api/me`'s `unit`: the unit the person is a contact of. */
  async factsAbout(actor: SignedInContext): Promise<MeFacts> {
    const membership = await this.membershipOf(actor.user.id);
    return {
      unit: membership && {
        id: membership.unitId,
        name: membership.unitName,
        level: membership.level,
        status: membership.status,
        isPrimaryContact: membership.isPrimary,
      },
    };
  }
}
