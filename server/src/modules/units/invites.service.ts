import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ContactError,
  type ContactIdentity,
  INVITE_TTL_DAYS,
  type Invite,
  type InvitePreview,
  type JoinedUnit,
  INVITE_PAGE,
  MY_UNIT_PAGE,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { ContactsService, colleagueName } from './contacts.service';
import { UnitInviteEntity } from './invite.entity';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';

const DAY_MS = 24 * 60 * 60_000;
/** Who invited, to the invitee, when staff did: staff are not named to members. */
const STAFF_NAME = '会员服务部';
const invitePage = (token: string): string => `${INVITE_PAGE}?token=${token}`;

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Invites: a single-use link the primary contact or staff share, that makes its taker a contact. */
@Injectable()
export class InvitesService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    @InjectRepository(UnitInviteEntity) private readonly invites: Repository<UnitInviteEntity>,
    private readonly roster: ContactsService,
    private readonly audit: AuditService,
  ) {}

  /** A single-use token for a share card; only its hash is kept. */
  @RetryOnConflict()
  @Transactional()
  async createInvite(ctx: SignedInContext, unitId: number): Promise<Invite> {
    const { unit, relation } = await this.roster.unitFor(ctx, unitId, 'manage');
    if (unit.status !== 'active') throw new AppError(ContactError.UnitNotActive);
    await this.roster.refuseIfFull(unit);
    const token = randomBytes(32).toString('base64url');
    const at = now();
    const expiresAt = new Date(at.getTime() + INVITE_TTL_DAYS * DAY_MS);
    const inviter = relation.isContact ? await this.contacts.findOneBy({ userId: ctx.user.id }) : null;
    await this.invites.insert({
      unitId,
      tokenHash: hashOf(token),
      createdBy: ctx.user.id,
      invitedByName: inviter?.name ?? STAFF_NAME,
      expiresAt,
      usedAt: null,
      usedBy: null,
      createdAt: at,
    });
    await this.audit.record(ctx, {
      action: 'contact.invited',
      target: { type: 'unit', id: unitId },
      detail: unit.name,
    });
    return { token, expiresAt: expiresAt.toISOString(), path: invitePage(token) };
  }

  async previewInvite(_ctx: SignedInContext, token: string): Promise<InvitePreview> {
    const invite = await this.invites.findOneBy({ tokenHash: hashOf(token) });
    this.refuseIfUnusable(invite);
    const unit = await this.units.findOneByOrFail({ id: invite.unitId });
    return {
      unit: { id: unit.id, name: unit.name },
      invitedBy: invite.invitedByName,
      expiresAt: invite.expiresAt.toISOString(),
    };
  }

  /**
   * Makes the caller a contact of the invite's unit, spends the invite and tells the primary
   * contact, in one transaction. The invite row is locked before it is read: of two acceptances at
   * once, the second finds it used.
   */
  @RetryOnConflict()
  @Transactional()
  async acceptInvite(ctx: SignedInContext, token: string, identity: ContactIdentity): Promise<JoinedUnit> {
    const found = await this.invites.findOneBy({ tokenHash: hashOf(token) });
    if (!found) throw new AppError(ContactError.InviteNotFound);
    await lockRows(this.invites, [found.id]);
    const invite = await this.invites.findOneBy({ id: found.id });
    this.refuseIfUnusable(invite);
    const unit = await this.roster.admit(ctx, invite.unitId, {
      userId: ctx.user.id,
      name: identity.name,
      title: identity.title || null,
    });
    const at = now();
    await this.invites.update({ id: invite.id }, { usedAt: at, usedBy: ctx.user.id });
    await this.roster.tellPrimaryContact(unit.id, ctx.user.id, {
      purpose: 'colleague_joined',
      title: '同事已加入单位',
      body: `${colleagueName(identity.name, identity.title)}已通过邀请成为${unit.name}的联系人，可在“我的单位”中查看。`,
      page: MY_UNIT_PAGE,
      fields: { unitName: unit.name, name: identity.name, at },
    });
    return { unit: { id: unit.id, name: unit.name } };
  }

  private refuseIfUnusable(invite: UnitInviteEntity | null): asserts invite is UnitInviteEntity {
    if (!invite) throw new AppError(ContactError.InviteNotFound);
    if (invite.usedAt) throw new AppError(ContactError.InviteUsed);
    if (invite.expiresAt.getTime() <= Date.now()) throw new AppError(ContactError.InviteExpired);
  }
}
