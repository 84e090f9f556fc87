import { directoryResponseSchema, type DirectoryResponse, type LevelCode } from '@itss/shared';
import { request } from '@/services/http';

/** The public 会员名录, one page; `q` and `level` narrow it, `cursor` continues it. */
export function getDirectory(
  filters: { q?: string; level?: LevelCode },
  cursor: string | null,
): Promise<DirectoryResponse> {
  return request({
    path: '/api/directory',
    query: { q: filters.q, level: filters.level, cursor },
    schema: directoryResponseSchema,
  });
}
