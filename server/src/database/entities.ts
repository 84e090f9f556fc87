import { AuditEntity } from '../modules/audit/audit.entity';
import { SessionEntity } from '../modules/auth/session.entity';
import { UserEntity, UserRoleEntity } from '../modules/users/user.entity';
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
  UserEntity,
  UserRoleEntity,
  SessionEntity,
  AuditEntity,
];
