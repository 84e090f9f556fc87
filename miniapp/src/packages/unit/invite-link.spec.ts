// jest runs without TARO_ENV (see babel.config.js): each test sets the platform it means.
import { inviteLink } from './invite-link';

const invite = {
  token: 'tok_abcdefghijklmnopqrstuv',
  expiresAt: '2026-01-08T00:00:00.000Z',
  path: 'packages/unit/pages/invite/index?token=tok_abcdefghijklmnopqrstuv',
};

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
  window.history.replaceState(null, '', '/');
});

test('in H5 the link is this app wherever it is served, at the invite page', () => {
  process.env.TARO_ENV = 'h5';
  window.history.replaceState(null, '', '/app/index.html');
  expect(inviteLink(invite)).toBe(
    `${window.location.origin}/app/index.html#/packages/unit/pages/invite/index?token=tok_abcdefghijklmnopqrstuv`,
  );
});

test("in WeChat the link is the H5 app of the API's server", () => {
  process.env.TARO_ENV = 'weapp';
  expect(inviteLink(invite)).toBe(
    'https://api.test/#/packages/unit/pages/invite/index?token=tok_abcdefghijklmnopqrstuv',
  );
});
