import {
  applicationListResponseSchema,
  applicationSchema,
  campaignListResponseSchema,
  campaignSchema,
  type Application,
  type ApplicationListResponse,
  type ApplicationState,
  type Campaign,
  type CampaignListResponse,
  type CreateCampaignRequest,
  type DecisionRequest,
} from '@itss/shared';
import { request } from './http';

/** The queue's filters as the staff pages hold them; absent means "any". */
export interface QueueFilters {
  state?: ApplicationState;
  campaignId?: number;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const pairs = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

export const QUEUE_PAGE_SIZE = 20;

export function getApplications(
  filters: QueueFilters,
  cursor: string | null,
  limit = QUEUE_PAGE_SIZE,
): Promise<ApplicationListResponse> {
  const path = `/api/applications${query({ ...filters, limit, cursor })}`;
  return request({ path, schema: applicationListResponseSchema });
}

/** The export route's path with the list's filters, for downloading with the token. */
export function applicationsExportPath(filters: QueueFilters): string {
  return `/api/applications/export${query({ ...filters })}`;
}

export function getApplication(id: number): Promise<Application> {
  return request({ path: `/api/applications/${id}`, schema: applicationSchema });
}

/** `body` is what `decisionRequestSchema.safeParse` returned, sent as it is. */
export function decide(id: number, body: DecisionRequest): Promise<Application> {
  return request({
    path: `/api/applications/${id}/decisions`,
    method: 'POST',
    data: body,
    schema: applicationSchema,
  });
}

export function getCampaigns(): Promise<CampaignListResponse> {
  return request({ path: '/api/campaigns', schema: campaignListResponseSchema });
}

export function createCampaign(body: CreateCampaignRequest): Promise<Campaign> {
  return request({ path: '/api/campaigns', method: 'POST', data: body, schema: campaignSchema });
}

export function campaignCodePath(id: number): string {
  return `/api/campaigns/${id}/code.png`;
}

export function filePath(id: number): string {
  return `/api/files/${id}`;
}
