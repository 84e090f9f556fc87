import { ok, serveBy } from '@test/fixtures';
import { storage } from '@test/taro-mock';
import {
  captureLaunchScene,
  captureScene,
  resetScenes,
  sceneFromQuery,
  sceneFromSearch,
  storedScene,
  takeBrowserEntry,
} from './scene';

beforeEach(() => {
  storage.clear();
  resetScenes();
});

test('a launch query scene is decoded once, as WeChat documents', () => {
  expect(sceneFromQuery({ scene: 'booth%2F2026%3Fa%3D1' })).toBe('booth/2026?a=1');
  // Decoded once only: an encoded percent stays a percent sign.
  expect(sceneFromQuery({ scene: 'x%2541' })).toBe('x%41');
  expect(sceneFromQuery({ scene: 'plain' })).toBe('plain');
});

test('no scene, an empty one, a malformed escape or one too long to keep is no scene', () => {
  expect(sceneFromQuery(undefined)).toBeNull();
  expect(sceneFromQuery({})).toBeNull();
  expect(sceneFromQuery({ scene: '' })).toBeNull();
  expect(sceneFromQuery({ scene: '%E4%B8' })).toBeNull();
  expect(sceneFromQuery({ scene: 'a'.repeat(65) })).toBeNull();
  expect(sceneFromQuery({ scene: ['a'] })).toBeNull();
});

test('the browser address gives ?scene= by the same rule', () => {
  expect(sceneFromSearch('?scene=ab%21c')).toBe('ab!c');
  expect(sceneFromSearch('?from=poster&scene=abc&x=1')).toBe('abc');
  expect(sceneFromSearch('?from=poster')).toBeNull();
  expect(sceneFromSearch('')).toBeNull();
});

test('a captured scene is remembered and its scan reported once per launch, without a token', async () => {
  const calls = serveBy(() => ({ statusCode: 204, data: '' }));
  captureScene('booth1');
  captureScene('booth1');
  await Promise.resolve();
  expect(storedScene()).toBe('booth1');
  expect(calls).toEqual([
    { method: 'POST', path: '/api/campaigns/scans', token: null, data: { scene: 'booth1' } },
  ]);
  captureScene(null);
  expect(calls).toHaveLength(1);
});

test('a scan the server cannot record is swallowed and reported again on the next capture', async () => {
  let answer: 'offline' | { statusCode: number; data: unknown } = 'offline';
  const calls = serveBy(() => answer);
  captureScene('poster');
  await new Promise((resolve) => setTimeout(resolve, 0));
  answer = ok({});
  captureScene('poster');
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(calls).toHaveLength(2);
  expect(storedScene()).toBe('poster');
});

test('WeChat: the launch query’s scene is captured, and no browser entry is pending', async () => {
  process.env.TARO_ENV = 'weapp';
  const calls = serveBy(() => ({ statusCode: 204, data: '' }));
  captureLaunchScene({ scene: 'demo%2F2026' });
  await Promise.resolve();
  expect(storedScene()).toBe('demo/2026');
  expect(calls.map((c) => c.data)).toEqual([{ scene: 'demo/2026' }]);
  expect(takeBrowserEntry()).toBe(false);
});

test('browser: /?scene= is captured and the home page is told once to open the form', async () => {
  process.env.TARO_ENV = 'h5';
  window.history.pushState({}, '', '/?scene=demo2026#/pages/index/index');
  const calls = serveBy(() => ({ statusCode: 204, data: '' }));
  captureLaunchScene(undefined);
  await Promise.resolve();
  expect(storedScene()).toBe('demo2026');
  expect(calls).toHaveLength(1);
  expect(takeBrowserEntry()).toBe(true);
  expect(takeBrowserEntry()).toBe(false);
  window.history.pushState({}, '', '/');
  captureLaunchScene(undefined);
  expect(takeBrowserEntry()).toBe(false);
});
