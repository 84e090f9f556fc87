// Part of `npm run bench` (BENCH_PARTS=events; also alone after a build: node scripts/bench-events.mjs):
// a popular training on SQLite and MariaDB. 1,000 people (signed in through the WeChat stand-in, each
// with a bound phone: setup, not measured) register for one 300-seat session at the same moment,
// 100 requests in flight: exactly 300 must hold a seat and 700 wait in line, each with a distinct
// place in arrival order, no duplicates, no errors. Then the 300 seated cancel, 100 in flight, and
// exactly the first 300 in line must be offered the freed seats, in order. Check-in at the door is
// the `checkins` part.
import { jsonAt, onEachDatabase, percentile, staffToken, startDevServer } from './bench-server.mjs';

const PEOPLE = Number(process.env.BENCH_EVENT_PEOPLE || 1000);
const SEATS = Number(process.env.BENCH_EVENT_SEATS || 300);
const IN_FLIGHT = Number(process.env.BENCH_EVENT_IN_FLIGHT || 100);
const PORT = Number(process.env.BENCH_PORT || 3917) + 6;
const BASE = `http://127.0.0.1:${PORT}`;
const json = jsonAt(BASE);
const JSON_HEADERS = { 'content-type': 'application/json' };

const post = (path, body, token, extra = {}) =>
  json(path, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...(token && { authorization: `Bearer ${token}` }), ...extra },
    body: JSON.stringify(body),
  });
const get = (path, token) => json(path, { headers: { authorization: `Bearer ${token}` } });

/** Runs `task(i)` for i in [0, count) with `inFlight` at a time; each call's latency in ms. */
async function pool(count, inFlight, task) {
  const latencies = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const started = performance.now();
        await task(i);
        latencies[i] = performance.now() - started;
      }
    }),
  );
  return latencies;
}

/** A person signed in by their own openid, with a phone bound (the stand-in plays WeChat). */
async function person(i) {
  // Each person comes from an address of their own, as a crowd of phones does.
  const from = { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
  const login = await post('/__wechat/__standin/login-code', { openid: `o_bench_event_${i}` });
  const session = await post('/api/auth/wechat', { code: login.body.code }, null, from);
  if (session.status !== 200)
    throw new Error(`login ${i}: ${session.status} ${JSON.stringify(session.body)}`);
  const token = session.body.token;
  const phone = `139${String(10_000_000 + i).slice(-8)}`;
  const phoneCode = await post('/__wechat/__standin/phone-code', { phone });
  const bound = await post('/api/me/phone', { code: phoneCode.body.code }, token, from);
  if (bound.status >= 300) throw new Error(`phone ${i}: ${bound.status} ${JSON.stringify(bound.body)}`);
  return token;
}

/** A published free training, open to everyone since a minute ago, with one session of SEATS seats. */
async function openTraining(staff) {
  const hour = 3600_000;
  const at = (ms) => new Date(Date.now() + ms).toISOString();
  const created = await post(
    '/api/events',
    {
      kind: 'training',
      title: '基准测试：ITSS 宣贯培训',
      description: '<p>基准测试用活动</p>',
      place: { mode: 'offline', address: '北京市海淀区基准路 1 号' },
      startsAt: at(48 * hour),
      endsAt: at(52 * hour),
      memberOpensAt: at(-2 * 60_000),
      publicOpensAt: at(-60_000),
      closesAt: at(47 * hour),
      audience: 'everyone',
      hours: 4,
      sessions: [{ title: '全天', startsAt: at(48 * hour), endsAt: at(52 * hour), capacity: SEATS }],
    },
    staff,
  );
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`create event: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await post(`/api/events/${created.body.id}/publish`, {}, staff);
  if (published.status >= 300)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  const detail = await get(`/api/events/${created.body.id}`, staff);
  return { eventId: created.body.id, sessionId: detail.body.sessions[0].id };
}

async function run(label, config) {
  const stop = await startDevServer({ port: PORT, database: config, env: { TRUST_PROXY: '1' } });
  try {
    const staff = await staffToken(BASE);
    const tokens = [];
    await pool(PEOPLE, 20, async (i) => {
      tokens[i] = await person(i);
    });
    const { eventId, sessionId } = await openTraining(staff);

    // The burst: everyone at once, 100 in flight.
    const registrations = new Array(PEOPLE);
    let errors = 0;
    const started = performance.now();
    const registerLatencies = await pool(PEOPLE, IN_FLIGHT, async (i) => {
      const res = await post(
        `/api/events/${eventId}/registrations`,
        { sessionId, name: `参会人${i}` },
        tokens[i],
      );
      if (res.status !== 201 && res.status !== 200) {
        errors++;
        return;
      }
      registrations[i] = res.body;
    });
    const burstSeconds = (performance.now() - started) / 1000;
    const held = registrations.filter((r) => r && r.state === 'confirmed');
    const waiting = registrations.filter((r) => r && r.state === 'waitlisted');
    const ids = new Set(registrations.filter(Boolean).map((r) => r.id));
    // Arrival order is the order of the ids the server gave; places must follow it, 1..N.
    const byId = [...waiting].sort((a, b) => a.id - b.id);
    const ordered = byId.every((r, index) => r.position === index + 1);
    if (held.length !== SEATS || waiting.length !== PEOPLE - SEATS || ids.size !== PEOPLE - errors || errors)
      throw new Error(
        `${label}: ${held.length} confirmed, ${waiting.length} waitlisted, ${ids.size} distinct, ${errors} errors`,
      );
    if (!ordered) throw new Error(`${label}: waiting-list places do not follow arrival order`);

    // The seated cancel, 100 in flight: the first 300 in line are offered the seats, in order.
    const seated = registrations.map((r, i) => ({ r, i })).filter(({ r }) => r.state === 'confirmed');
    const cancelLatencies = await pool(seated.length, IN_FLIGHT, async (k) => {
      const { r, i } = seated[k];
      const res = await post(`/api/registrations/${r.id}/cancel`, {}, tokens[i]);
      if (res.status >= 300) throw new Error(`cancel: ${res.status} ${JSON.stringify(res.body)}`);
    });
    const firstInLine = byId.slice(0, SEATS);
    const owner = new Map(registrations.map((r, i) => [r.id, i]));
    const offered = [];
    await pool(byId.length, 20, async (k) => {
      const r = byId[k];
      const res = await get(`/api/registrations/${r.id}`, tokens[owner.get(r.id)]);
      if (res.body.state === 'offered') offered.push(r.id);
    });
    const expected = new Set(firstInLine.map((r) => r.id));
    const promotedInOrder = offered.length === SEATS && offered.every((id) => expected.has(id));
    if (!promotedInOrder)
      throw new Error(`${label}: ${offered.length} offered; the first ${SEATS} in line expected`);

    const sort = (values) => values.filter((v) => v !== undefined).sort((a, b) => a - b);
    const register = sort(registerLatencies);
    const cancel = sort(cancelLatencies);
    return {
      label,
      confirmed: held.length,
      waitlisted: waiting.length,
      burstSeconds,
      registerP50: percentile(register, 50),
      registerP99: percentile(register, 99),
      promoted: offered.length,
      cancelP50: percentile(cancel, 50),
      cancelP99: percentile(cancel, 99),
    };
  } finally {
    await stop();
  }
}

/** Runs on a fresh SQLite file and, when one answers, a fresh MariaDB database. */
export async function benchEvents() {
  const results = await onEachDatabase('events', run);
  console.log(
    `\nevents: ${PEOPLE} people register for one ${SEATS}-seat session at once (${IN_FLIGHT} in flight); the ${SEATS} seated cancel\n`,
  );
  console.log(
    '| database | confirmed | waitlisted | burst s | register p50 / p99 ms | promoted in order | cancel p50 / p99 ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.confirmed} | ${r.waitlisted} | ${r.burstSeconds.toFixed(1)} | ${Math.round(r.registerP50)} / ${Math.round(r.registerP99)} | ${r.promoted} | ${Math.round(r.cancelP50)} / ${Math.round(r.cancelP99)} |`,
    );
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEvents();
