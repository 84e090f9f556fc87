import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A unit's membership certificate (电子会员证书) of one year, issued on the first request of a unit
 * whose bills of that year are settled. Its code is random (never derived from the unit), and is
 * what the QR code and the public verification carry.
 */
@Entity('certificates')
@Index('uq_certificates_unit_year', ['unitId', 'year'], { unique: true })
export class CertificateEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ type: 'integer' })
  year: number;

  /** Printed on the certificate, e.g. ITSS-2026-000123. */
  @Index('uq_certificates_number', { unique: true })
  @Column({ type: 'varchar', length: 24 })
  number: string;

  /** 20 characters of crypto-random base32: the verification looks a certificate up by it. */
  @Index('uq_certificates_code', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ name: 'issued_at', type: 'datetime' })
  issuedAt: Date;
}
