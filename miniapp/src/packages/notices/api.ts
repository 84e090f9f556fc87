import {
  type CreateNoticeRequest,
  type Notice,
  type NoticeListResponse,
  noticeListResponseSchema,
  noticeSchema,
} from '@itss/shared';
import { request } from '@/services/http';

export const NOTICE_PAGE_SIZE = 20;

export function getNotices(cursor: string | null, limit = NOTICE_PAGE_SIZE): Promise<NoticeListResponse> {
  return request({ path: '/api/notices', query: { limit, cursor }, schema: noticeListResponseSchema });
}

/** Records the notice; the server delivers it in the background (202). */
export function sendNotice(body: CreateNoticeRequest): Promise<Notice> {
  return request({ path: '/api/notices', method: 'POST', data: body, schema: noticeSchema });
}
