// Part of `npm run bench`: articles written straight into a database (batched multi-row INSERTs in
// transactions, search pieces included: the production server has no way in for a benchmark, and
// 100,000 articles through the API would take longer than the measurement), and keyword search
// timed on the service itself, without HTTP. Alone, after a build (node scripts/build.mjs
// --server-only): node scripts/bench-articles.mjs seeds BENCH_ARTICLES (100,000) articles into a
// fresh SQLite file and a fresh MariaDB database and prints how long that took, the search times
// and the search's query plan.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ARTICLE_CATEGORIES } = require('@itss/shared');

/** How many articles the list, detail and search are measured over: some years of a busy branch. */
export const ARTICLES = Number(process.env.BENCH_ARTICLES || 100_000);
/** The smaller feed the list is compared with: its p50 should hardly grow from this to ARTICLES. */
export const FEW_ARTICLES = 1_000;
/** The keyword the search route is measured with: a frequent topic, in about one article in seven. */
export const SEARCH_KEYWORD = '数据中心';
/** A keyword found only in articles' bodies (their contact line), in every one of them. */
export const BODY_KEYWORD = '秘书处';

const SUBJECTS = [
  '信息技术服务标准',
  'ITSS运维能力成熟度',
  '数据中心运维',
  '云计算服务',
  '信息系统集成',
  '人工智能应用',
  '网络安全等级保护',
  '数字化转型',
  '信创产业',
  '软件开发与测试',
  'IT服务管理',
  '智慧城市建设',
  '数据治理',
  '数据要素市场',
  '大模型应用',
  '工业互联网平台',
  '运维服务能力',
  '服务质量评价',
  '从业人员能力评价',
  '项目管理',
  '信息安全服务',
  '咨询设计服务',
  '数据中心节能',
  '智能运维',
  '开源软件治理',
];
const PREFIXES = ['关于开展', '关于印发', '关于征集', '解读：', '聚焦', '', '', '', '', ''];
const ACTIONS = [
  '评估工作',
  '标准宣贯会',
  '试点申报',
  '培训',
  '白皮书',
  '典型案例',
  '政策要点',
  '发展报告',
  '研讨会',
  '月度动态',
  '实施指南',
  '座谈会',
  '团体标准立项',
  '能力提升计划',
];
const SUFFIXES = ['的通知', '', '', '综述', '工作会议召开', '成果发布'];
const SENTENCES = [
  (s, y) => `${y} 年度${s}工作全面启动，分会组织会员单位参与。`,
  (s) => `本文梳理了${s}的最新进展与下一步安排。`,
  (s) => `围绕${s}，专家就标准落地与实践经验进行了交流。`,
  (s, y) => `截至 ${y} 年底，已有多家会员单位完成${s}相关工作。`,
  (s) => `欢迎各会员单位结合自身情况，积极参与${s}。`,
  (s) => `${s}对提升服务质量和管理水平具有重要意义。`,
];
/** The categories of staff articles: 会员风采 and 优秀案例 need a member unit, which this database has none of. */
const CATEGORIES = ARTICLE_CATEGORIES.filter((c) => c !== 'member_showcase' && c !== 'case_study');
const SPAN_START = Date.UTC(2019, 0, 1);
const SPAN_MS = Date.UTC(2026, 10, 1) - SPAN_START;

/** A small deterministic generator, so every run seeds the same articles. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const pick = (next, list) => list[Math.floor(next() * list.length)];

function article(n) {
  const next = random(n * 7919 + 17);
  const subject = pick(next, SUBJECTS);
  const other = pick(next, SUBJECTS);
  // Whole seconds: MariaDB's datetime keeps none; 1 in 200 shares its second with another one.
  const publishedAt = new Date(SPAN_START + Math.floor((next() * SPAN_MS) / 1000) * 1000);
  const year = publishedAt.getUTCFullYear();
  const title = `${pick(next, PREFIXES)}${year} 年${subject}${pick(next, ACTIONS)}${pick(next, SUFFIXES)}`;
  const summary = `${pick(next, SENTENCES)(subject, year)}${pick(next, SENTENCES)(other, year)}`;
  const roll = next();
  return {
    id: n + 1,
    category: pick(next, CATEGORIES),
    title: title.slice(0, 80),
    summary: summary.slice(0, 200),
    body: `<h2>${title}</h2><p>${summary}</p><p>${pick(next, SENTENCES)(other, year)}${pick(next, SENTENCES)(subject, year)}</p><p>联系人：分会秘书处，电话 010-00000000。</p>`,
    visibility: roll < 0.8 ? 'public' : roll < 0.95 ? 'members' : 'committee',
    // A few drafts and unpublished ones, which no reader's list or search may show.
    state: roll > 0.97 ? 'unpublished' : roll > 0.95 ? 'draft' : 'published',
    pinned: n % 5000 === 0,
    publishedAt: roll > 0.95 && roll <= 0.97 ? null : publishedAt,
  };
}

const COLUMNS =
  'id, category, title, summary, body, visibility, state, pinned, cover_file_id, attachment_file_ids, tags, unit_id, submitted_by, content_flagged, reject_reason, read_count, created_by, created_at, updated_at, published_at, decided_at';
const PLACEHOLDERS = `(${COLUMNS.split(',')
  .map(() => '?')
  .join(', ')})`;

function rowValues(a, sqlite) {
  const time = (d) =>
    d
      ? d
          .toISOString()
          .replace('T', ' ')
          .slice(0, sqlite ? 23 : 19)
      : null;
  const at = time(a.publishedAt ?? new Date(Date.UTC(2026, 10, 1)));
  return [
    a.id,
    a.category,
    a.title,
    a.summary,
    a.body,
    a.visibility,
    a.state,
    a.pinned ? 1 : 0,
    null,
    '[]',
    '[]',
    null,
    null,
    0,
    null,
    0,
    1,
    at,
    at,
    time(a.publishedAt),
    null,
  ];
}

const BATCH = 500;

/**
 * Articles number `from` to `from + count - 1` of the generator, with those ids, straight into
 * `articles` and `article_search` (and on MariaDB `article_search_months`), as the articles service
 * and ArticleSearch.index write them (the database's own triggers fill SQLite's FTS table). Their
 * publication times spread over 2019–2026 independently of their ids, so a second call interleaves
 * with the first in the feed.
 */
export async function seedArticles(database, from, count) {
  const { searchEntry, monthEntry } = require('../server/dist/modules/articles/article-search.js');
  const batches = [];
  for (let start = from; start < from + count; start += BATCH) {
    const articles = [];
    for (let n = start; n < Math.min(from + count, start + BATCH); n++) articles.push(article(n));
    batches.push(articles);
  }
  const statements = (articles) => [
    `INSERT INTO articles (${COLUMNS}) VALUES ${articles.map(() => PLACEHOLDERS).join(', ')}`,
    `INSERT INTO article_search (article_id, tokens) VALUES ${articles.map(() => '(?, ?)').join(', ')}`,
  ];
  const values = (articles, sqlite) => [
    articles.flatMap((a) => rowValues(a, sqlite)),
    articles.flatMap((a) => [a.id, searchEntry(a)]),
  ];
  if (database.type === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(database.path);
    try {
      db.pragma('busy_timeout = 10000');
      // FTS5 writes a segment per transaction and merges them: fewer, larger transactions seed faster.
      const seed = db.transaction((group) => {
        for (const articles of group) {
          const [articlesSql, searchSql] = statements(articles);
          const [articleValues, searchValues] = values(articles, true);
          db.prepare(articlesSql).run(articleValues);
          db.prepare(searchSql).run(searchValues);
        }
      });
      for (let i = 0; i < batches.length; i += 20) seed(batches.slice(i, i + 20));
    } finally {
      db.close();
    }
    return;
  }
  const { createConnection } = require('mysql2/promise');
  const connection = await createConnection(database.url.replace(/^mariadb:/, 'mysql:'));
  try {
    for (const articles of batches) {
      const [articlesSql, searchSql] = statements(articles);
      const [articleValues, searchValues] = values(articles, false);
      await connection.beginTransaction();
      await connection.query(articlesSql, articleValues);
      await connection.query(searchSql, searchValues);
      // MariaDB's second index: every piece filed under its month as well, as ArticleSearch.index writes it.
      await connection.query(
        searchSql.replace('article_search', 'article_search_months'),
        searchValues.map((value, i) => (i % 2 ? monthEntry(value) : value)),
      );
      await connection.commit();
    }
  } finally {
    await connection.end();
  }
}

/** Queries of every kind a reader types, from one frequent piece to a narrow mix. */
const SEARCHES = [
  '标准',
  SEARCH_KEYWORD,
  BODY_KEYWORD,
  '运维能力成熟度',
  'ITSS',
  '2025 评估',
  '开源软件治理 座谈会 2019',
];
const REPEATS = 30;

/**
 * ArticleSearch.find itself on the database (migrated and seeded): per query, how many published
 * articles match, and the p50 and worst time of the first page of 20 over REPEATS calls.
 */
export async function timeSearch(config) {
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require('../server/dist/database/data-source.js');
  const { ArticleSearch } = require('../server/dist/modules/articles/article-search.js');
  const { ArticleSearchEntity } = require('../server/dist/modules/articles/article-search.entity.js');
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    const search = new ArticleSearch(dataSource.getRepository(ArticleSearchEntity));
    const out = [];
    for (const q of SEARCHES) {
      const matches = (await search.find(q, { limit: 1_000_000 })).length;
      const times = [];
      for (let i = 0; i < REPEATS; i++) {
        const started = performance.now();
        await search.find(q, { limit: 20 });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      out.push({ q, matches, p50: times[Math.floor(REPEATS / 2)], max: times.at(-1) });
    }
    return out;
  } finally {
    await dataSource.destroy();
  }
}

/** The plan of one search, as the database explains it. */
async function explainSearch(config, q) {
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require('../server/dist/database/data-source.js');
  const { ArticleSearch } = require('../server/dist/modules/articles/article-search.js');
  const { ArticleSearchEntity } = require('../server/dist/modules/articles/article-search.entity.js');
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    const manager = dataSource.manager;
    const query = manager.query.bind(manager);
    let captured;
    manager.query = (sql, parameters) => ((captured = [sql, parameters]), query(sql, parameters));
    await new ArticleSearch(dataSource.getRepository(ArticleSearchEntity)).find(q, {
      limit: 20,
      category: 'standard',
      after: { publishedAt: new Date(Date.UTC(2026, 0, 1)), id: 1 },
    });
    manager.query = query;
    const sqlite = config.type === 'sqlite';
    const plan = await query(`${sqlite ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${captured[0]}`, captured[1]);
    return plan.map((step) =>
      sqlite
        ? step.detail
        : `${step.table}: ${step.type} ${step.key ?? ''} (${step.rows} rows) ${step.Extra ?? ''}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function printSearchTimes(label, times) {
  console.log(
    `\n${label}: ArticleSearch.find over ${fmt(ARTICLES)} articles, first page of 20, ${REPEATS} calls each\n`,
  );
  console.log('| database | query | published matches | p50 ms | max ms |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const t of times)
    console.log(`| ${label} | ${t.q} | ${fmt(t.matches)} | ${fmt(t.p50, 1)} | ${fmt(t.max, 1)} |`);
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const { scratchMariaDb, scratchSqlite } = require('../server/dist/database/scratch-database.js');
  const { openDatabase } = require('../server/dist/database/open-database.js');
  for (const [label, scratch] of [
    ['SQLite', () => scratchSqlite('itss-bench')],
    ['MariaDB', () => scratchMariaDb('itss_bench')],
  ]) {
    const db = await scratch();
    if (!db) {
      console.warn(`${label} not reachable: left out`);
      continue;
    }
    try {
      const { dataSource } = await openDatabase(db.config);
      await dataSource.destroy();
      const started = performance.now();
      await seedArticles(db.config, 0, ARTICLES);
      console.log(
        `${label}: seeded ${fmt(ARTICLES)} articles in ${fmt((performance.now() - started) / 1000, 1)} s`,
      );
      printSearchTimes(label, await timeSearch(db.config));
      console.log(`\n${label}: plan of a search (${SEARCH_KEYWORD}, one category, after a cursor):`);
      for (const line of await explainSearch(db.config, SEARCH_KEYWORD)) console.log(`  ${line}`);
    } finally {
      await db.drop();
    }
  }
}
