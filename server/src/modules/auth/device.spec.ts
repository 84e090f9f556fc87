import { LAN_PLACE, UNKNOWN_BROWSER, UNKNOWN_PLACE, browserOf, placeOf } from './device';

const EDGE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';
const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const MINIAPP =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40 NetType/WIFI Language/zh_CN miniProgram/wx123';

describe('device description', () => {
  it.each([
    [CHROME, 'Chrome · Windows'],
    [EDGE, 'Edge · Windows'],
    [SAFARI, 'Safari · macOS'],
    [FIREFOX, 'Firefox · Linux'],
    ['curl/8.0', UNKNOWN_BROWSER],
    ['', UNKNOWN_BROWSER],
    [undefined, UNKNOWN_BROWSER],
  ])('names a desktop browser from %s', (ua, name) => {
    expect(browserOf('desktop', ua)).toBe(name);
  });

  it('names a mini-program session after the app and the phone', () => {
    expect(browserOf('miniapp', MINIAPP)).toBe('微信小程序 · iOS');
    expect(browserOf('miniapp', undefined)).toBe('微信小程序');
  });

  it.each([
    ['127.0.0.1', LAN_PLACE],
    ['::1', LAN_PLACE],
    ['::ffff:192.168.1.20', LAN_PLACE],
    ['10.3.4.5', LAN_PLACE],
    ['172.20.0.1', LAN_PLACE],
    ['fd12::1', LAN_PLACE],
    ['172.32.0.1', UNKNOWN_PLACE],
    ['8.8.8.8', UNKNOWN_PLACE],
    ['2408:8000::1', UNKNOWN_PLACE],
    ['not-an-address', UNKNOWN_PLACE],
  ])('places %s as %s', (ip, place) => {
    expect(placeOf(ip)).toBe(place);
  });
});
