import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Editable content of the association, one JSON document per key ('profile' today). Read through
 * the shared schema, so a bad edit is caught at the boundary rather than shown to members.
 */
@Entity('association_content')
export class AssociationContentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'simple-json' })
  value: unknown;
}

@Entity('member_services')
export class MemberServiceEntity {
  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  text: string;
}
