import { Injectable } from '@nestjs/common';

/** How far the applications of each campaign got, counted by the applications feature. */
export type ApplicationCounts = (
  campaignIds: number[],
) => Promise<Map<number, { started: number; submitted: number; approved: number }>>;

/**
 * Stand-in for the campaigns feature being built on main, with the signatures it guarantees, so
 * that applications compiles against them until the merge replaces this file with the real one.
 */
@Injectable()
export class CampaignsService {
  findByScene(_scene: string): Promise<{ id: number; name: string } | null> {
    return Promise.resolve(null);
  }

  describe(_ids: number[]): Promise<Map<number, { id: number; name: string }>> {
    return Promise.resolve(new Map());
  }

  countApplicationsWith(_source: ApplicationCounts): void {}
}
