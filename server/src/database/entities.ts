import { AssociationContentEntity, MemberServiceEntity } from '../modules/association/association.entity';
import {
  MembershipLevelEntity,
  MembershipObligationEntity,
  MembershipRightEntity,
} from '../modules/membership/membership.entity';

/** Every entity, listed once: the DataSource, the migration generator and the drift test use this. */
export const ENTITIES = [
  AssociationContentEntity,
  MemberServiceEntity,
  MembershipLevelEntity,
  MembershipRightEntity,
  MembershipObligationEntity,
];
