import { type KeyObject, generateKeyPairSync, randomBytes } from 'node:crypto';

/** The merchant the local WeChat Pay stand-in knows (the form of WeChat's documentation examples). */
export const STANDIN_MCHID = '1900000109';

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface StandinWechatPayKeys {
  /** The merchant's API key: the server signs with it, the stand-in verifies. */
  merchant: KeyPair & { serial: string };
  /** WeChat Pay's key: the stand-in signs answers and notifications, the server verifies. */
  platform: KeyPair & { publicKeyId: string };
  apiV3Key: string;
}

let keys: StandinWechatPayKeys | undefined;

export function newRsaKeyPair(): KeyPair {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** A random 32-character APIv3 key, as the merchant platform lets one set. */
export function newApiV3Key(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Made once per process on first use, never written anywhere: the server's configuration and the
 * stand-in it serves read the same keys, and nothing signed by them outlives the process.
 */
export function standinWechatPayKeys(): StandinWechatPayKeys {
  keys ??= {
    merchant: { ...newRsaKeyPair(), serial: randomBytes(20).toString('hex').toUpperCase() },
    platform: { ...newRsaKeyPair(), publicKeyId: `PUB_KEY_ID_${Date.now()}${randomBytes(4).readUInt32BE()}` },
    apiV3Key: newApiV3Key(),
  };
  return keys;
}
