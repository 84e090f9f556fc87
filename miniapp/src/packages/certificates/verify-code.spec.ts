import { verifyCodeOf } from './verify-code';

const CODE = 'ABCDEFGHIJKLMNOPQRST';

test('?code= as the H5 address and links in the app carry it', () => {
  expect(verifyCodeOf({ code: CODE })).toEqual({ kind: 'code', code: CODE });
  // Typed by hand: spaces and lower case are forgiven.
  expect(verifyCodeOf({ code: ' abcde fghij klmno pqrst ' })).toEqual({ kind: 'code', code: CODE });
});

test('?q= as WeChat hands over a scanned https link: the URL, encoded once or twice', () => {
  const url = `https://itss.example.cn/verify?code=${CODE}`;
  expect(verifyCodeOf({ q: encodeURIComponent(url) })).toEqual({ kind: 'code', code: CODE });
  expect(verifyCodeOf({ q: encodeURIComponent(encodeURIComponent(url)) })).toEqual({
    kind: 'code',
    code: CODE,
  });
  expect(verifyCodeOf({ q: encodeURIComponent(`https://x.cn/verify?from=poster&code=${CODE}&t=1`) })).toEqual(
    {
      kind: 'code',
      code: CODE,
    },
  );
});

test('anything that cannot be a code is malformed and never sent; nothing at all is none', () => {
  for (const params of [
    { code: 'ABC' },
    { code: `${CODE}A` },
    { code: 'ABCDEFGHIJKLMNOPQRS1' },
    { code: '%E0%A4%A' },
    { q: encodeURIComponent('https://itss.example.cn/verify') },
    { q: '%E0%A4%A' },
  ])
    expect(verifyCodeOf(params)).toEqual({ kind: 'malformed' });
  expect(verifyCodeOf({})).toEqual({ kind: 'none' });
});
