import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TICKET_CODE_PATTERN } from '@itss/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';

const MAC_LENGTH = 16;

/**
 * A ticket's code: the registration id in base36 and a truncated HMAC of it under the server's
 * ticket secret. The door recognises a forged or altered code without a lookup, and a code says
 * nothing a guesser could use: 96 bits of MAC stand between a registration id and its ticket.
 */
@Injectable()
export class TicketCodes {
  private readonly secret: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = config.events.ticketSecret;
  }

  private mac(idText: string): string {
    return createHmac('sha256', this.secret)
      .update(`ticket:${idText}`)
      .digest('base64url')
      .slice(0, MAC_LENGTH);
  }

  sign(registrationId: number): string {
    const idText = registrationId.toString(36);
    return `${idText}.${this.mac(idText)}`;
  }

  /** The registration id a genuine code names; null for anything malformed or forged. */
  verify(code: string): number | null {
    if (!TICKET_CODE_PATTERN.test(code)) return null;
    const [idText = '', mac = ''] = code.split('.');
    const expected = Buffer.from(this.mac(idText));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const id = parseInt(idText, 36);
    // Only the canonical spelling: a leading zero would name the same registration with a second code.
    return Number.isSafeInteger(id) && id > 0 && id.toString(36) === idText ? id : null;
  }
}
