import type { ArticleDetail, Submission } from '@itss/shared';

/** An article as GET /api/articles/:id answers staff. */
export const articleDetail = (overrides: Partial<ArticleDetail> = {}): ArticleDetail => ({
  id: 5,
  category: 'policy',
  title: '数据安全法实施要点解读',
  summary: '面向运维服务企业的合规要点。',
  publishedAt: '2026-11-20T02:00:00.000Z',
  locked: false,
  visibility: 'public',
  pinned: false,
  coverUrl: null,
  unitName: null,
  body: '<h2>一、背景</h2><p>正文<strong>要点</strong></p>',
  attachments: [{ fileId: 31, name: '全文.pdf', size: 2048, url: '/api/articles/files/31' }],
  tags: ['数据安全'],
  readCount: 12,
  unitId: null,
  staff: {
    state: 'published',
    coverFileId: null,
    attachmentFileIds: [31],
    createdAt: '2026-11-19T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    history: [
      { state: 'draft', byName: '周会服', at: '2026-11-19T02:00:00.000Z', reason: null },
      { state: 'published', byName: '周会服', at: '2026-11-20T02:00:00.000Z', reason: null },
    ],
  },
  ...overrides,
});

/** A member submission as GET /api/submissions/:id answers. */
export const submission = (overrides: Partial<Submission> = {}): Submission => ({
  id: 21,
  category: 'member_showcase',
  title: '示例单位获评优秀运维服务商',
  summary: '本年度服务满意度第一。',
  body: '<p>我单位<strong>荣获</strong>表彰。</p>',
  coverUrl: null,
  state: 'in_review',
  unit: { id: 3, name: '示例会员单位' },
  submitterName: '李主联',
  submittedAt: '2026-11-20T02:00:00.000Z',
  flagged: false,
  decidedAt: null,
  rejectReason: null,
  ...overrides,
});
