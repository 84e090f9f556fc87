import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UploadContentType } from '@itss/shared';

/**
 * An uploaded file: its bytes are in the FileStorage under `storageKey`. It belongs to its uploader
 * until a record claims it (`ownerType`/`ownerId`, e.g. an application's licence), after which the
 * owning feature's rule also decides who may read it.
 */
@Entity('files')
export class FileEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('uq_files_storage_key', { unique: true })
  @Column({ name: 'storage_key', type: 'varchar', length: 64 })
  storageKey: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ name: 'content_type', type: 'varchar', length: 32 })
  contentType: UploadContentType;

  @Index('ix_files_uploaded_by')
  @Column({ name: 'uploaded_by', type: 'integer' })
  uploadedBy: number;

  @Column({ name: 'owner_type', type: 'varchar', length: 32, nullable: true })
  ownerType: string | null;

  @Column({ name: 'owner_id', type: 'integer', nullable: true })
  ownerId: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
