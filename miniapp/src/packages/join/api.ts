import {
  IDEMPOTENCY_KEY_HEADER,
  applicationDraftResponseSchema,
  applicationListResponseSchema,
  applicationSchema,
  campaignListResponseSchema,
  campaignSchema,
  myApplicationsResponseSchema,
  type Application,
  type ApplicationBody,
  type ApplicationDraft,
  type ApplicationDraftResponse,
  type ApplicationListResponse,
  type ApplicationQueueFilter,
  type Campaign,
  type CampaignListResponse,
  type CreateCampaignRequest,
  type DecisionRequest,
  type MyApplicationsResponse,
} from '@itss/shared';
import { request } from '@/services/http';
import { queryString } from '@/services/query';

// The applicant's side: the draft, the application and its changes.

export function getDraft(): Promise<ApplicationDraftResponse> {
  return request({ path: '/api/applications/draft', schema: applicationDraftResponseSchema });
}

export function saveDraft(draft: ApplicationDraft): Promise<ApplicationDraftResponse> {
  return request({
    path: '/api/applications/draft',
    method: 'PUT',
    data: draft,
    schema: applicationDraftResponseSchema,
  });
}

/** The key makes a retry of the same submission return the first answer, never a second application. */
export function submitApplication(body: ApplicationBody, idempotencyKey: string): Promise<Application> {
  return request({
    path: '/api/applications',
    method: 'POST',
    data: body,
    header: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
    schema: applicationSchema,
  });
}

export function getMyApplications(): Promise<MyApplicationsResponse> {
  return request({ path: '/api/applications/mine', schema: myApplicationsResponseSchema });
}

/** The applicant's own, or any for staff. */
export function getApplication(id: number): Promise<Application> {
  return request({ path: `/api/applications/${id}`, schema: applicationSchema });
}

export function updateApplication(id: number, body: ApplicationBody): Promise<Application> {
  return request({ path: `/api/applications/${id}`, method: 'PUT', data: body, schema: applicationSchema });
}

export function resubmitApplication(id: number): Promise<Application> {
  return request({ path: `/api/applications/${id}/resubmit`, method: 'POST', schema: applicationSchema });
}

export function withdrawApplication(id: number): Promise<Application> {
  return request({ path: `/api/applications/${id}/withdraw`, method: 'POST', schema: applicationSchema });
}

// Staff: the review queue, decisions and campaigns.

/** The queue's filters as the staff pages hold them; absent means "any". */
export interface QueueFilters {
  state?: ApplicationQueueFilter;
  campaignId?: number;
}

export const QUEUE_PAGE_SIZE = 20;

export function getApplications(
  filters: QueueFilters,
  cursor: string | null,
  limit = QUEUE_PAGE_SIZE,
): Promise<ApplicationListResponse> {
  return request({
    path: '/api/applications',
    query: { ...filters, limit, cursor },
    schema: applicationListResponseSchema,
  });
}

/** The export route's path with the list's filters, for downloading with the token. */
export function applicationsExportPath(filters: QueueFilters): string {
  return `/api/applications/export${queryString({ ...filters })}`;
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

/** An uploaded file of an application (the licence), for downloading with the token. */
export function filePath(id: number): string {
  return `/api/files/${id}`;
}
