import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A training's certificate of attendance (培训证明), issued on the first request of a checked-in
 * attendee. Its code lives in the membership certificate's code space (20 characters of random
 * base32): the one public verification looks a code up in both tables.
 */
@Entity('attendance_certificates')
export class AttendanceCertificateEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('uq_attendance_certificates_registration', { unique: true })
  @Column({ name: 'registration_id', type: 'integer' })
  registrationId: number;

  /** Printed on the certificate, e.g. ITSS-PX-2026-000123 (the registration's id). */
  @Index('uq_attendance_certificates_number', { unique: true })
  @Column({ type: 'varchar', length: 24 })
  number: string;

  @Index('uq_attendance_certificates_code', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ name: 'issued_at', type: 'datetime' })
  issuedAt: Date;
}
