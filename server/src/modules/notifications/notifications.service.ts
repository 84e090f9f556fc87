import { Injectable } from '@nestjs/common';

export interface Notification {
  purpose: 'application_decision';
  title: string;
  body: string;
  page: string | null;
  fields: { unitName: string; result: string; note: string; at: Date };
}

/**
 * Stand-in for the notifications feature being built on main, with the signatures it guarantees,
 * so that applications compiles against them until the merge replaces this file with the real one.
 */
@Injectable()
export class NotificationsService {
  notify(_userId: number, _notification: Notification): Promise<number> {
    return Promise.resolve(0);
  }

  deliver(_messageIds: number[]): Promise<void> {
    return Promise.resolve();
  }
}
