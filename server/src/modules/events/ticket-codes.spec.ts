import { TICKET_CODE_PATTERN } from '@itss/shared';
import type { AppConfig } from '../../config/config';
import { TicketCodes } from './ticket-codes';

const codes = (ticketSecret: string) =>
  new TicketCodes({ events: { offerHours: 24, ticketSecret } } as AppConfig);

describe('ticket codes', () => {
  const tickets = codes('a-test-ticket-secret-of-enough-length');

  it('signs a registration id into the contract’s pattern and reads it back', () => {
    for (const id of [1, 35, 36, 123_456, 2_147_483_647]) {
      const code = tickets.sign(id);
      expect(code).toMatch(TICKET_CODE_PATTERN);
      expect(tickets.verify(code)).toBe(id);
    }
  });

  it('refuses altered, forged, malformed and other servers’ codes', () => {
    const code = tickets.sign(42);
    const [id, mac] = code.split('.') as [string, string];
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      `${id}.${flipped}`,
      `${(43).toString(36)}.${mac}`,
      `0${id}.${mac}`,
      `${id}.${mac}x`,
      '',
      'not a code',
      `${id}:${mac}`,
      codes('another-secret-of-enough-length-000').sign(42),
    ]) {
      expect([bad, tickets.verify(bad)]).toEqual([bad, null]);
    }
  });
});
