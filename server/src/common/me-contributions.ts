import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { Me } from '@itss/shared';
import type { SignedInContext } from './request-context';

/** The parts of `GET /api/me` that features other than users know: the person's relations. */
export type MeFacts = Partial<Pick<Me, 'unit'>>;

/**
 * A feature that knows something about a person for `GET /api/me` (units: the unit they are a
 * contact of) marks a provider with `@ContributesToMe()` and implements this. Users gathers them
 * through Nest's discovery, so it imports none of those features: units already depends on users.
 */
export interface MeContributor {
  factsAbout(actor: SignedInContext): Promise<MeFacts>;
}

export const ContributesToMe = DiscoveryService.createDecorator<void>();

@Injectable()
export class MeContributions {
  private contributors?: MeContributor[];

  constructor(private readonly discovery: DiscoveryService) {}

  async of(actor: SignedInContext): Promise<MeFacts> {
    this.contributors ??= this.discovery
      .getProviders({ metadataKey: ContributesToMe.KEY })
      .map((wrapper) => wrapper.instance as MeContributor);
    const facts = await Promise.all(this.contributors.map((contributor) => contributor.factsAbout(actor)));
    return Object.assign({}, ...facts) as MeFacts;
  }
}

@Module({ imports: [DiscoveryModule], providers: [MeContributions], exports: [MeContributions] })
export class MeContributionsModule {}
