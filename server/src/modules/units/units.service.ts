import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, type LevelCode, type Unit, UnitError, type UnitType, maskPhone } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { ContributesToMe, type MeContributor, type MeFacts } from '../../common/me-contributions';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { UnitContactEntity, UnitEntity } from './unit.entity';
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
    primaryUserId: number,
  ): Promise<UnitEntity> {
    if (await this.contacts.existsBy({ userId: primaryUserId })) throw new AppError(UnitError.ContactTaken);
    const now = new Date();
    const unit = await this.units.save(
      this.units.create({ ...fields, status: 'active', joinedOn: chinaDate(now), createdAt: now }),
    );
    await this.contacts.insert({ unitId: unit.id, userId: primaryUserId, isPrimary: true, createdAt: now });
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

  async exists(unitId: number): Promise<boolean> {
    return this.units.existsBy({ id: unitId });
  }

  async get(ctx: SignedInContext, id: number): Promise<Unit> {
    const unit = await this.units.findOneBy({ id });
    const isContact = unit !== null && (await this.isContact(ctx.user.id, id));
    authorize(this.policy, ctx, 'read', { isContact }, { hide: true });
    if (!unit) throw new AppError(ErrorCode.NotFound);
    const primary = await this.contacts.findOneBy({ unitId: id, isPrimary: true });
    const person = primary ? await this.users.findById(primary.userId) : null;
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
      primaryContact: person
        ? { displayName: person.displayName, phoneMasked: person.phone ? maskPhone(person.phone) : null }
        : null,
    };
  }

  /** `GET /api/me`'s `unit`: the unit the person is a contact of. */
  async factsAbout(actor: SignedInContext): Promise<MeFacts> {
    const contact = await this.contacts.findOneBy({ userId: actor.user.id });
    const unit = contact ? await this.units.findOneBy({ id: contact.unitId }) : null;
    return { unit: unit ? { id: unit.id, name: unit.name } : null };
  }
}
