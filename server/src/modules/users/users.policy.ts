import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import type { RequestContext } from '../../common/request-context';

export type UsersAction = 'readProfile' | 'bindPhone';

/** A person's own profile and phone are theirs alone; staff see people through the staff feature. */
@Policy()
@Injectable()
export class UsersPolicy implements FeaturePolicy<UsersAction, { id: number }> {
  can(actor: RequestContext, action: UsersAction, person: { id: number }): boolean {
    switch (action) {
      case 'readProfile':
      case 'bindPhone':
        return actor.user !== null && actor.user.id === person.id;
    }
  }
}
