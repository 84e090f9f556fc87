import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { DeviceSessionKind } from '@itss/shared';
import Bowser from 'bowser';

/** Which browser and about where: what a person needs to recognise one of their devices. */
export interface DeviceDescription {
  browser: string;
  place: string;
  ip: string;
}

/** Shorter or Chinese names where the parser's are long or foreign to the branch's staff. */
const BROWSER_NAMES: Record<string, string> = {
  'Microsoft Edge': 'Edge',
  'QQ Browser': 'QQ浏览器',
  'Sogou Browser': '搜狗浏览器',
  'UC Browser': 'UC浏览器',
  WeChat: '微信',
};

export const UNKNOWN_BROWSER = '未知浏览器';
export const MINIAPP_NAME = '微信小程序';
export const LAN_PLACE = '内网';
/**
 * No offline address-to-region database is installed, so a public address is not placed; the
 * browser and the time still let a person tell their devices apart.
 */
export const UNKNOWN_PLACE = '未知地区';

/** Loopback, private, link-local and unique-local ranges: the branch's own network or this machine. */
const LAN = new BlockList();
for (const [network, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
] as const) {
  LAN.addSubnet(network, prefix, 'ipv4');
}
LAN.addAddress('::1', 'ipv6');
LAN.addSubnet('fc00::', 7, 'ipv6');
LAN.addSubnet('fe80::', 10, 'ipv6');

/** An IPv4 address as Node reports it on a dual-stack socket (`::ffff:10.0.0.8`) is the IPv4 one. */
function plainAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped?.[1] ?? ip;
}

export function placeOf(ip: string): string {
  const address = plainAddress(ip);
  if (isIPv4(address)) return LAN.check(address, 'ipv4') ? LAN_PLACE : UNKNOWN_PLACE;
  if (isIPv6(address)) return LAN.check(address, 'ipv6') ? LAN_PLACE : UNKNOWN_PLACE;
  return UNKNOWN_PLACE;
}

/**
 * `Chrome · Windows`, or for a mini-program session `微信小程序 · iOS`: from the User-Agent header,
 * which the client writes and may forge, so it names a device and proves nothing.
 */
export function browserOf(kind: DeviceSessionKind, userAgent: string | undefined): string {
  const parsed = userAgent?.trim() ? Bowser.parse(userAgent) : null;
  const os = parsed?.os.name;
  const name = kind === 'miniapp' ? MINIAPP_NAME : parsed?.browser.name;
  if (!name) return UNKNOWN_BROWSER;
  const label = BROWSER_NAMES[name] ?? name;
  return (os ? `${label} · ${os}` : label).slice(0, 64);
}

export function describeDevice(
  kind: DeviceSessionKind,
  userAgent: string | undefined,
  ip: string,
): DeviceDescription {
  return { browser: browserOf(kind, userAgent), place: placeOf(ip), ip: plainAddress(ip).slice(0, 45) };
}
