import {
  articleDraftResponseSchema,
  createSubmissionResponseSchema,
  submissionListResponseSchema,
  submissionSchema,
  type ArticleDraft,
  type ArticleDraftResponse,
  type ArticleState,
  type CreateSubmissionRequest,
  type CreateSubmissionResponse,
  type Submission,
  type SubmissionDecisionRequest,
  type SubmissionListResponse,
} from '@itss/shared';
import { request } from '@/services/http';

// Member submissions: the same routes serve a unit's contacts (their unit's) and staff (all).

export const SUBMISSION_PAGE_SIZE = 20;

export function createSubmission(body: CreateSubmissionRequest): Promise<CreateSubmissionResponse> {
  return request({
    path: '/api/submissions',
    method: 'POST',
    data: body,
    schema: createSubmissionResponseSchema,
  });
}

export function getSubmissions(
  state: ArticleState | undefined,
  cursor: string | null,
): Promise<SubmissionListResponse> {
  return request({
    path: '/api/submissions',
    query: { state, limit: SUBMISSION_PAGE_SIZE, cursor },
    schema: submissionListResponseSchema,
  });
}

export function getSubmission(id: number): Promise<Submission> {
  return request({ path: `/api/submissions/${id}`, schema: submissionSchema });
}

export function decideSubmission(id: number, body: SubmissionDecisionRequest): Promise<void> {
  return request({ path: `/api/submissions/${id}/decisions`, method: 'POST', data: body });
}

/** The caller's unsent submission, kept on the server as they type. */
export function getSubmissionDraft(): Promise<ArticleDraftResponse> {
  return request({ path: '/api/submissions/draft', schema: articleDraftResponseSchema });
}

export function saveSubmissionDraft(draft: ArticleDraft): Promise<ArticleDraftResponse> {
  return request({
    path: '/api/submissions/draft',
    method: 'PUT',
    data: draft,
    schema: articleDraftResponseSchema,
  });
}
