import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A PDF staff share with an event's registrants (slides, handouts); the file is claimed by it. */
@Entity('event_materials')
@Index('ix_event_materials_event', ['eventId', 'id'])
export class EventMaterialEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'event_id', type: 'integer' })
  eventId: number;

  @Index('uq_event_materials_file', { unique: true })
  @Column({ name: 'file_id', type: 'integer' })
  fileId: number;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
