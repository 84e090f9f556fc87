import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TICKET_CODE_PATTERN } from '@itss/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';

/** Outside production only: tickets of a development server prove nothing. */
const DEVELOPMENT_SECRET = 'itss-development-event-ticket-secret-0001';
/** 12 bytes of the HMAC: 16 base64url characters, 96 bits no one guesses at a door. */
const MAC_BYTES = 12;

/**
 * A ticket code is the registration's id and its HMAC under the server's ticket secret: a scanner
 * tells a forged or altered code from a real one before it reads anything.
 */
@Injectable()
export class TicketCodes {
  private readonly secret: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = config.eventTicketSecret ?? DEVELOPMENT_SECRET;
  }

  sign(registrationId: number): string {
    const id = registrationId.toString(36);
    return `${id}.${this.mac(id).toString('base64url')}`;
  }

  /** The registration a code names, or null for anything malformed or not signed by this server. */
  verify(code: string): number | null {
    if (!TICKET_CODE_PATTERN.test(code)) return null;
    const [id, mac] = code.split('.') as [string, string];
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== MAC_BYTES || !timingSafeEqual(given, this.mac(id))) return null;
    const registrationId = Number.parseInt(id, 36);
    return Number.isSafeInteger(registrationId) && registrationId > 0 ? registrationId : null;
  }

  private mac(id: string): Buffer {
    return createHmac('sha256', this.secret).update(`ticket:${id}`).digest().subarray(0, MAC_BYTES);
  }
}
