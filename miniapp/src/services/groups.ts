import { groupEntrySchema, type GroupEntry } from '@itss/shared';
import { downloadWithToken } from './download';
import { request } from './http';

export function getGroupEntry(): Promise<GroupEntry> {
  return request({ path: '/api/groups/entry', schema: groupEntrySchema });
}

/** The group's QR image, served to this person only: a temp file on weapp, a blob: URL on H5. */
export function downloadGroupCode(groupId: number): Promise<string> {
  return downloadWithToken(`/api/groups/${groupId}/code`);
}
