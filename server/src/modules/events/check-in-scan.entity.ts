import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CheckInResult } from '@itss/shared';

/**
 * A scan the scanner named with its own id: a queued scan sent again after the network returned is
 * answered as the first time and counted once. The unique key makes two copies arriving at once
 * one row.
 */
@Entity('event_check_in_scans')
@Index('uq_event_check_in_scans_scan', ['eventId', 'scanId'], { unique: true })
export class CheckInScanEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'event_id', type: 'integer' })
  eventId: number;

  @Column({ name: 'scan_id', type: 'varchar', length: 64 })
  scanId: string;

  @Column({ type: 'varchar', length: 20 })
  result: CheckInResult;

  /** The registration the ticket named, when it named one. */
  @Column({ name: 'registration_id', type: 'integer', nullable: true })
  registrationId: number | null;

  @Column({ name: 'scanned_by', type: 'integer' })
  scannedBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
