import { bookingCreatedSchema } from '@itss/shared';
import { type AuthEnv, seedOf } from '../support/auth-env';
import type { Caller } from '../support/role-matrix';
import { unitOf } from '../units/access';
import { PAID_PRICES, bookableFor } from './desk-support';

const units = new Map<number, Promise<number>>();

/** The caller's own unit (made once per caller: path and body of one check ask for it). */
export function unitFor(env: AuthEnv, caller: Caller): Promise<number> {
  if (caller.userId === null) return Promise.resolve(1);
  let unit = units.get(caller.userId);
  if (!unit) {
    unit = unitOf(env, caller);
    units.set(caller.userId, unit);
  }
  return unit;
}

/** A booking of two seats made by the caller for their unit: its id and its seats' ids. */
export async function bookingOf(
  env: AuthEnv,
  caller: Caller,
  paid = false,
): Promise<{ bookingId: number; registrationIds: number[] }> {
  if (!caller.token) return { bookingId: 1, registrationIds: [1] };
  const { eventId, body } = await bookableFor(
    env,
    await unitFor(env, caller),
    paid ? { prices: PAID_PRICES } : {},
  );
  return bookingCreatedSchema.parse(
    await seedOf(env).ok(caller.token, 'POST', `/api/events/${eventId}/bookings`, body),
  );
}
