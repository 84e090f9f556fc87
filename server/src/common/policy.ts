import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { ErrorCode } from '@itss/shared';
import { AppError } from './app-error';
import type { RequestContext } from './request-context';

/**
 * A feature's access rules: `can(actor, action, resource)` from roles and relations (staff, admin,
 * the person themself; later "contact of this unit"). The feature's service asks it first, before
 * it reads or writes anything. `abilities` are what `GET /api/me` tells the mini-program it may
 * offer this person, derived from the same rules.
 */
export interface FeaturePolicy<Action extends string, Resource = undefined> {
  can(actor: RequestContext, action: Action, resource: Resource): boolean;
  readonly abilities?: Readonly<Record<string, (actor: RequestContext) => boolean>>;
}

/** Marks a feature's policy class, so that its abilities reach `GET /api/me` with no list to edit. */
export const Policy = DiscoveryService.createDecorator<void>();

/**
 * Throws unless the policy allows it. `hide` answers 404 instead of 403, for objects whose very
 * existence the caller must not learn (another unit's application).
 */
export function authorize<Action extends string, Resource>(
  policy: FeaturePolicy<Action, Resource>,
  actor: RequestContext,
  action: Action,
  resource: Resource,
  { hide = false }: { hide?: boolean } = {},
): void {
  if (!policy.can(actor, action, resource))
    throw new AppError(hide ? ErrorCode.NotFound : ErrorCode.Forbidden);
}

/** Every feature's abilities for one person, gathered from the policies the application declares. */
@Injectable()
export class Abilities {
  private rules?: [string, (actor: RequestContext) => boolean][];

  constructor(private readonly discovery: DiscoveryService) {}

  of(actor: RequestContext): Record<string, boolean> {
    this.rules ??= this.discovery
      .getProviders({ metadataKey: Policy.KEY })
      .flatMap((wrapper) =>
        Object.entries((wrapper.instance as FeaturePolicy<string, unknown>).abilities ?? {}),
      );
    return Object.fromEntries(this.rules.map(([name, rule]) => [name, rule(actor)]));
  }
}

@Module({ imports: [DiscoveryModule], providers: [Abilities], exports: [Abilities] })
export class AbilitiesModule {}
