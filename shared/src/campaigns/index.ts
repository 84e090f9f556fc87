import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { decimalIdSchema } from '../common';
import { ErrorCode, defineErrorMessages } from '../errors';

/**
 * The page a campaign's mini-program code opens (WeChat's getwxacodeunlimit `page`): the
 * application form, which reads `decodeURIComponent(query.scene)`.
 */
export const JOIN_ENTRY_PAGE = 'packages/join/pages/apply/index';

/** WeChat's rule for `scene`: at most 32 visible characters from this set. */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}$/;
export const sceneSchema = z.string().regex(SCENE_PATTERN, '场景值格式不正确');

export const CAMPAIGN_AUDIT_ACTIONS = defineAuditActions({ 'campaign.created': '创建入会推广码' });

export const createCampaignRequestSchema = z.strictObject({
  name: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字'),
});
export type CreateCampaignRequest = z.infer<typeof createCampaignRequestSchema>;

/** How far the people who scanned a campaign's code got. */
export const campaignFunnelSchema = z.object({
  scans: z.number().int().nonnegative(),
  /** Applications whose drafts were started from this campaign. */
  started: z.number().int().nonnegative(),
  submitted: z.number().int().nonnegative(),
  approved: z.number().int().nonnegative(),
});
export type CampaignFunnel = z.infer<typeof campaignFunnelSchema>;

export const campaignSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  scene: sceneSchema,
  createdAt: z.iso.datetime(),
  funnel: campaignFunnelSchema,
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListResponseSchema = z.object({ items: z.array(campaignSchema) });
export type CampaignListResponse = z.infer<typeof campaignListResponseSchema>;

/**
 * A scan as the app reports it on launch. Public, and lenient on purpose: whatever arrived in the
 * launch query is accepted and an unknown scene is ignored (204 either way), so a stale poster never
 * shows the person an error.
 */
export const recordScanRequestSchema = z.strictObject({ scene: z.string().max(256) });
export type RecordScanRequest = z.infer<typeof recordScanRequestSchema>;

export const campaignIdParamSchema = z.strictObject({ id: decimalIdSchema });

export const CampaignErrorMessage = defineErrorMessages({
  CampaignNotFound: { code: ErrorCode.NotFound, message: '推广码不存在' },
});
