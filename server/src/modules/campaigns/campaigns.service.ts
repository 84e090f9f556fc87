import { randomInt } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  type Campaign,
  type CampaignFunnel,
  type CampaignListResponse,
  JOIN_ENTRY_PAGE,
  SCENE_PATTERN,
  CampaignErrorMessage,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import { now } from '../../common/time';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { SharedState } from '../../state/shared-state';
import { Throttle } from '../../state/throttle';
import type { WechatImage } from '../../wechat/wechat-http';
import { WechatClient } from '../../wechat/wechat.client';
import { AuditService } from '../audit/audit.service';
import { CampaignEntity, CampaignScanEntity } from './campaign.entity';
import { CampaignsPolicy } from './campaigns.policy';

/** Counts of applications per campaign, supplied by the applications feature. */
export type ApplicationFunnelSource = (
  campaignIds: number[],
) => Promise<Map<number, Pick<CampaignFunnel, 'started' | 'submitted' | 'approved'>>>;

/** Scene characters: lower-case letters and digits, which survive any URL and a case-insensitive column. */
const SCENE_ALPHABET = '0123456789abcdefghijkmnpqrstuvwxyz';
const SCENE_LENGTH = 10;
/** A code never changes for its scene and page: keep it a month, regenerate if the store forgets. */
const CODE_TTL_MS = 30 * 24 * 3600_000;
/** One device reports one scan per launch; a flood from one address is not a crowd at a booth. */
const SCAN_LIMIT = { limit: 120, windowMs: 60_000 };

@Injectable()
export class CampaignsService implements OnModuleInit {
  private applicationFunnel: ApplicationFunnelSource = () =>
    Promise.resolve(new Map<number, Pick<CampaignFunnel, 'started' | 'submitted' | 'approved'>>());

  constructor(
    @InjectRepository(CampaignEntity) private readonly campaigns: Repository<CampaignEntity>,
    @InjectRepository(CampaignScanEntity) private readonly scans: Repository<CampaignScanEntity>,
    private readonly policy: CampaignsPolicy,
    private readonly audit: AuditService,
    private readonly wechat: WechatClient,
    private readonly state: SharedState,
    private readonly throttle: Throttle,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('campaign', async (ids) => {
      const found = await this.campaigns.findBy({ id: In(ids) });
      return new Map(found.map((c) => [c.id, c.name]));
    });
  }

  /** The applications feature tells how far each campaign's applicants got (it owns those rows). */
  countApplicationsWith(source: ApplicationFunnelSource): void {
    this.applicationFunnel = source;
  }

  async findByScene(scene: string): Promise<{ id: number; name: string } | null> {
    if (!SCENE_PATTERN.test(scene)) return null;
    const found = await this.campaigns.findOneBy({ scene });
    return found ? { id: found.id, name: found.name } : null;
  }

  async describe(ids: number[]): Promise<Map<number, { id: number; name: string }>> {
    if (ids.length === 0) return new Map();
    const found = await this.campaigns.findBy({ id: In([...new Set(ids)]) });
    return new Map(found.map((c) => [c.id, { id: c.id, name: c.name }]));
  }

  async list(ctx: SignedInContext): Promise<CampaignListResponse> {
    authorize(this.policy, ctx, 'list', undefined);
    const all = await this.campaigns.find({ order: { id: 'DESC' } });
    const ids = all.map((c) => c.id);
    const [scans, applications] = await Promise.all([this.scanCounts(ids), this.applicationFunnel(ids)]);
    return {
      items: all.map((c) =>
        this.toCampaign(c, {
          scans: scans.get(c.id) ?? 0,
          ...(applications.get(c.id) ?? { started: 0, submitted: 0, approved: 0 }),
        }),
      ),
    };
  }

  @RetryOnConflict()
  @Transactional()
  async create(ctx: SignedInContext, name: string): Promise<Campaign> {
    authorize(this.policy, ctx, 'create', undefined);
    // A clash of random scenes is a duplicate key: RetryOnConflict reruns with a new one.
    const campaign = await this.campaigns.save(
      this.campaigns.create({ name, scene: newScene(), createdBy: ctx.user.id, createdAt: now() }),
    );
    await this.audit.record(ctx, {
      action: 'campaign.created',
      target: { type: 'campaign', id: campaign.id },
      detail: `${name}（${campaign.scene}）`,
    });
    return this.toCampaign(campaign, { scans: 0, started: 0, submitted: 0, approved: 0 });
  }

  /**
   * Counts a launch from a code. Whatever the app sends, the person is never shown an error: an
   * unknown or malformed scene (an old poster, a hand-typed link) is ignored.
   */
  async recordScan(ctx: RequestContext, scene: string): Promise<void> {
    await this.throttle.take({
      key: `campaigns:scan:${ctx.ip}`,
      ...SCAN_LIMIT,
    });
    const campaign = await this.findByScene(scene);
    if (!campaign) return;
    await this.scans.insert({ campaignId: campaign.id, scannedAt: new Date() });
  }

  /** The campaign's mini-program code from WeChat, asked once and then served from shared state. */
  async code(ctx: SignedInContext, id: number): Promise<WechatImage> {
    authorize(this.policy, ctx, 'readCode', undefined);
    const campaign = await this.campaigns.findOneBy({ id });
    if (!campaign) throw new AppError(CampaignErrorMessage.CampaignNotFound);
    const key = `campaigns:code:${campaign.scene}`;
    const cached = await this.state.get(key);
    if (cached) {
      const [contentType = 'image/png', data = ''] = cached.split(' ');
      return { contentType, bytes: Buffer.from(data, 'base64') };
    }
    const image = await this.wechat.getUnlimitedCode(campaign.scene, JOIN_ENTRY_PAGE);
    await this.state.set(key, `${image.contentType} ${image.bytes.toString('base64')}`, CODE_TTL_MS);
    return image;
  }

  private async scanCounts(ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.scans
      .createQueryBuilder('s')
      .select('s.campaign_id', 'campaignId')
      .addSelect('COUNT(*)', 'scans')
      .where({ campaignId: In(ids) })
      .groupBy('s.campaign_id')
      .getRawMany<{ campaignId: number | string; scans: number | string }>();
    return new Map(rows.map((r) => [Number(r.campaignId), Number(r.scans)]));
  }

  private toCampaign(c: CampaignEntity, funnel: CampaignFunnel): Campaign {
    return { id: c.id, name: c.name, scene: c.scene, createdAt: c.createdAt.toISOString(), funnel };
  }
}

function newScene(): string {
  let scene = '';
  for (let i = 0; i < SCENE_LENGTH; i++) scene += SCENE_ALPHABET.charAt(randomInt(SCENE_ALPHABET.length));
  return scene;
}
