import {
  groupEntrySchema,
  groupListSchema,
  groupRemovalListSchema,
  groupRemovalSchema,
  groupSchema,
  groupTodoListSchema,
  groupTodoSchema,
  type CreateGroupRequest,
  type Group,
  type GroupEntry,
  type GroupList,
  type GroupRemoval,
  type GroupRemovalList,
  type GroupTodo,
  type GroupTodoList,
  type UpdateGroupRequest,
} from '@itss/shared';
import { downloadWithToken } from '@/services/download';
import { request } from '@/services/http';
import { uploadMultipart, type PickedFile } from '@/services/upload';

// A member contact's side: the group they may join.

export function getGroupEntry(): Promise<GroupEntry> {
  return request({ path: '/api/groups/entry', schema: groupEntrySchema });
}

/** The group's QR image, served to this person only: a temp file on weapp, a blob: URL on H5. */
export function downloadGroupCode(groupId: number): Promise<string> {
  return downloadWithToken(`/api/groups/${groupId}/code`);
}

// Staff: the groups, their codes, and the to-dos of joining and leaving.

export function getGroups(): Promise<GroupList> {
  return request({ path: '/api/groups', schema: groupListSchema });
}

/** `body` is what `createGroupRequestSchema.safeParse` returned, sent as it is. */
export function createGroup(body: CreateGroupRequest): Promise<Group> {
  return request({ path: '/api/groups', method: 'POST', data: body, schema: groupSchema });
}

export function updateGroup(id: number, body: UpdateGroupRequest): Promise<Group> {
  return request({ path: `/api/groups/${id}`, method: 'PATCH', data: body, schema: groupSchema });
}

/** The group's new QR image; without `expiresAt` the server counts 7 days from now. */
export function uploadGroupCode(id: number, file: PickedFile, expiresAt?: string): Promise<Group> {
  return uploadMultipart({
    path: `/api/groups/${id}/code`,
    method: 'PUT',
    file,
    fields: expiresAt ? { expiresAt } : {},
    schema: groupSchema,
  });
}

export function getGroupTodos(done: boolean): Promise<GroupTodoList> {
  return request({ path: '/api/groups/todos', query: { done }, schema: groupTodoListSchema });
}

export function finishGroupTodo(id: number): Promise<GroupTodo> {
  return request({ path: `/api/groups/todos/${id}/done`, method: 'POST', schema: groupTodoSchema });
}

export function getGroupRemovals(done: boolean): Promise<GroupRemovalList> {
  return request({ path: '/api/groups/removals', query: { done }, schema: groupRemovalListSchema });
}

export function finishGroupRemoval(id: number): Promise<GroupRemoval> {
  return request({ path: `/api/groups/removals/${id}/done`, method: 'POST', schema: groupRemovalSchema });
}
