import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { STANDIN_MCHID } from '../wechatpay/standin/standin-keys';
import { REPO_ROOT, STANDIN_APPID, loadConfig } from './config';
import { wechatPayKeys } from './wechatpay-config';

const dev = { NODE_ENV: 'development' };
const wechat = {
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
  EVENT_TICKET_SECRET: 'production-ticket-secret-0123456789abcdef',
};

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = {
  merchantPrivate: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  platformPublic: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};
const dir = mkdtempSync(join(tmpdir(), 'itss-wechatpay-'));
const files = { merchantPrivate: join(dir, 'apiclient_key.pem'), platformPublic: join(dir, 'pub_key.pem') };
writeFileSync(files.merchantPrivate, pem.merchantPrivate);
writeFileSync(files.platformPublic, pem.platformPublic);

/** A complete merchant configuration, its keys as PEM text. */
const merchantEnv = {
  WECHATPAY_MCHID: '1230000109',
  WECHATPAY_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  WECHATPAY_PRIVATE_KEY: pem.merchantPrivate,
  WECHATPAY_APIV3_KEY: 'a'.repeat(32),
  WECHATPAY_PUBLIC_KEY: pem.platformPublic,
  WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0112300001092025010100000000',
};

describe('WeChat Pay configuration', () => {
  it('plays WeChat Pay with the stand-in in development without a merchant, notifying this server', () => {
    const config = loadConfig({ ...dev, PORT: '3100' }).wechatpay;
    expect(config).toMatchObject({
      mchid: STANDIN_MCHID,
      appid: STANDIN_APPID,
      serveStandin: true,
      apiBase: 'http://127.0.0.1:3100/__wechatpay',
      notifyUrl: 'http://127.0.0.1:3100/api/payments/wechat/notify',
    });
    expect(config?.apiV3Key).toHaveLength(32);
  });

  it('is off without a merchant wherever the WeChat stand-in is not served: production included', () => {
    expect(loadConfig(wechat).wechatpay).toBeNull();
    expect(loadConfig({ ...dev, ...wechat }).wechatpay).toBeNull();
    expect(loadConfig({ ...dev, WECHAT_API_BASE: 'http://127.0.0.1:9' }).wechatpay).toBeNull();
  });

  it('uses the configured merchant in every mode, its keys as PEM text or file paths', () => {
    const production = loadConfig({
      ...wechat,
      ...merchantEnv,
      PUBLIC_URL: 'https://itss.example.org/',
    }).wechatpay;
    expect(production).toMatchObject({
      mchid: '1230000109',
      appid: wechat.WECHAT_APPID,
      merchantSerial: merchantEnv.WECHATPAY_SERIAL,
      apiV3Key: merchantEnv.WECHATPAY_APIV3_KEY,
      platformPublicKeyId: merchantEnv.WECHATPAY_PUBLIC_KEY_ID,
      apiBase: 'https://api.mch.weixin.qq.com',
      notifyUrl: 'https://itss.example.org/api/payments/wechat/notify',
      serveStandin: false,
    });
    expect(production?.merchantPrivateKey.type).toBe('private');
    expect(production?.platformPublicKey.type).toBe('public');

    const fromFiles = loadConfig({
      ...dev,
      ...merchantEnv,
      WECHATPAY_PRIVATE_KEY: files.merchantPrivate,
      WECHATPAY_PUBLIC_KEY: files.platformPublic,
      WECHATPAY_API_BASE: 'http://127.0.0.1:4000/',
      WECHATPAY_APPID: 'wxfedcba9876543210',
    }).wechatpay;
    expect(fromFiles).toMatchObject({
      // A development server pointed at another WeChat Pay double: no stand-in of its own.
      serveStandin: false,
      apiBase: 'http://127.0.0.1:4000',
      appid: 'wxfedcba9876543210',
      notifyUrl: 'http://127.0.0.1:3000/api/payments/wechat/notify',
    });
    expect(fromFiles?.merchantPrivateKey.asymmetricKeyType).toBe('rsa');

    const oneLine = loadConfig({
      ...dev,
      ...merchantEnv,
      WECHATPAY_PRIVATE_KEY: pem.merchantPrivate.replaceAll('\n', '\\n'),
    }).wechatpay;
    expect(oneLine?.merchantPrivateKey.type).toBe('private');
  });

  it('refuses to start with a merchant id but not its keys, naming each missing one', () => {
    const start = () => loadConfig({ ...dev, WECHATPAY_MCHID: '1230000109' });
    for (const key of [
      'WECHATPAY_SERIAL',
      'WECHATPAY_PRIVATE_KEY',
      'WECHATPAY_APIV3_KEY',
      'WECHATPAY_PUBLIC_KEY',
      'WECHATPAY_PUBLIC_KEY_ID',
    ]) {
      expect(start).toThrow(new RegExp(`${key}: required with WECHATPAY_MCHID`));
    }
    const { WECHATPAY_APIV3_KEY: _left, ...withoutKey } = merchantEnv;
    expect(() => loadConfig({ ...dev, ...withoutKey })).toThrow(
      /WECHATPAY_APIV3_KEY: required with WECHATPAY_MCHID/,
    );
  });

  it('refuses keys without a merchant id rather than ignore them', () => {
    const { WECHATPAY_MCHID: _mchid, ...keys } = merchantEnv;
    expect(() => loadConfig({ ...dev, ...keys })).toThrow(/WECHATPAY_SERIAL: needs WECHATPAY_MCHID/);
    expect(() => loadConfig({ ...dev, WECHATPAY_APPID: 'wxfedcba9876543210' })).toThrow(
      /WECHATPAY_APPID: needs WECHATPAY_MCHID/,
    );
  });

  it.each([
    ['WECHATPAY_MCHID', 'letters', 'not-a-number', /WECHATPAY_MCHID: must be the merchant id/],
    ['WECHATPAY_APIV3_KEY', '31 bytes', 'a'.repeat(31), /WECHATPAY_APIV3_KEY: must be the 32-byte APIv3 key/],
    [
      'WECHATPAY_PUBLIC_KEY_ID',
      'another form',
      'pubkey',
      /WECHATPAY_PUBLIC_KEY_ID: must be WeChat Pay's public key id/,
    ],
    [
      'WECHATPAY_PRIVATE_KEY',
      'a missing file',
      join(dir, 'missing.pem'),
      /WECHATPAY_PRIVATE_KEY: is neither PEM text nor a readable file/,
    ],
    [
      'WECHATPAY_PRIVATE_KEY',
      'a public key',
      pem.platformPublic,
      /WECHATPAY_PRIVATE_KEY: is not a PEM private key/,
    ],
    [
      'WECHATPAY_PUBLIC_KEY',
      'a broken PEM',
      '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----',
      /WECHATPAY_PUBLIC_KEY: is not a PEM public key/,
    ],
  ])('refuses %s given %s', (key, _case, value, message) => {
    expect(() => loadConfig({ ...dev, ...merchantEnv, [key]: value })).toThrow(message);
  });

  it('needs an https PUBLIC_URL in production, where WeChat Pay posts notifications', () => {
    expect(() => loadConfig({ ...wechat, ...merchantEnv })).toThrow(
      /PUBLIC_URL: required \(https:\/\/…\) with WECHATPAY_MCHID/,
    );
    expect(() => loadConfig({ ...wechat, ...merchantEnv, PUBLIC_URL: 'http://itss.example.org' })).toThrow(
      /PUBLIC_URL/,
    );
    expect(() =>
      loadConfig({
        ...wechat,
        ...merchantEnv,
        PUBLIC_URL: 'https://itss.example.org',
        WECHATPAY_API_BASE: 'http://127.0.0.1:4000',
      }),
    ).toThrow(/WECHATPAY_API_BASE: must be https in production/);
  });

  it('has a row in the README configuration table for every WECHATPAY_* key', () => {
    const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
    const rows = readme
      .split('\n')
      .map((line) => /^\| `(WECHATPAY_[A-Z0-9_]+)`/.exec(line)?.[1])
      .filter((key) => key !== undefined);
    expect(rows.sort()).toEqual(Object.keys(wechatPayKeys).sort());
  });
});
