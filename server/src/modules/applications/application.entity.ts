import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicableLevel, ApplicationState, UnitType } from '@itss/shared';

/** An application to join (入会申请), from submission to its decision. */
@Entity('applications')
// The dashboard's funnel: submissions in a range by campaign and state, read from the index alone.
@Index('ix_applications_submitted_campaign_state', ['submittedAt', 'campaignId', 'state'])
export class ApplicationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_applications_applicant_id')
  @Column({ name: 'applicant_id', type: 'integer' })
  applicantId: number;

  @Index('ix_applications_state')
  @Column({ type: 'varchar', length: 16 })
  state: ApplicationState;

  @Column({ name: 'unit_name', type: 'varchar', length: 60 })
  unitName: string;

  @Index('ix_applications_credit_code')
  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode: string;

  /**
   * The credit code while the application is open, null once decided or withdrawn: its unique index
   * is what keeps one open application per credit code, also when two are submitted at once.
   */
  @Index('uq_applications_open_credit_code', { unique: true })
  @Column({ name: 'open_credit_code', type: 'varchar', length: 18, nullable: true })
  openCreditCode: string | null;

  @Column({ name: 'unit_type', type: 'varchar', length: 32 })
  unitType: UnitType;

  @Column({ type: 'varchar', length: 20 })
  province: string;

  @Column({ type: 'varchar', length: 20 })
  city: string;

  @Column({ type: 'varchar', length: 120 })
  address: string;

  @Column({ name: 'legal_representative', type: 'varchar', length: 30 })
  legalRepresentative: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 20 })
  contactName: string;

  @Column({ name: 'contact_title', type: 'varchar', length: 30 })
  contactTitle: string;

  @Column({ name: 'contact_mobile', type: 'varchar', length: 20 })
  contactMobile: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 100 })
  contactEmail: string;

  @Column({ type: 'varchar', length: 16 })
  level: ApplicableLevel;

  /** The level's fee when submitted, so the answer does not change if the fees do. */
  @Column({ name: 'annual_fee_yuan', type: 'integer' })
  annualFeeYuan: number;

  /** Up to 2,000 characters: 6,000 bytes in UTF-8, within TEXT. */
  @Column({ name: 'business_description', type: 'text' })
  businessDescription: string;

  @Column({ name: 'itss_conformity_level', type: 'varchar', length: 1, nullable: true })
  itssConformityLevel: '1' | '2' | '3' | '4' | null;

  @Column({ name: 'licence_file_id', type: 'integer' })
  licenceFileId: number;

  @Column({ name: 'rules_version', type: 'varchar', length: 16 })
  rulesVersion: string;

  @Column({ name: 'privacy_version', type: 'varchar', length: 16 })
  privacyVersion: string;

  @Index('ix_applications_campaign_id')
  @Column({ name: 'campaign_id', type: 'integer', nullable: true })
  campaignId: number | null;

  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId: number | null;

  @Column({ name: 'submitted_at', type: 'datetime' })
  submittedAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/** Every transition of an application: who moved it, when, and the reason the applicant sees. */
@Entity('application_history')
export class ApplicationHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_application_history_application_id')
  @Column({ name: 'application_id', type: 'integer' })
  applicationId: number;

  @Column({ type: 'varchar', length: 16 })
  state: ApplicationState;

  @Column({ type: 'datetime' })
  at: Date;

  @Column({ name: 'actor_id', type: 'integer' })
  actorId: number;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: 'applicant' | 'staff';

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}

/**
 * A submission's Idempotency-Key, unique per person: the same key again answers the application it
 * made; the unique index settles two arriving at once. `bodyHash` tells a retry from a reused key.
 */
@Entity('application_submissions')
@Index('uq_application_submissions_user_key', ['userId', 'idempotencyKey'], { unique: true })
export class ApplicationSubmissionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column({ name: 'body_hash', type: 'varchar', length: 64 })
  bodyHash: string;

  @Column({ name: 'application_id', type: 'integer' })
  applicationId: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/**
 * One draft per person, kept on the server as they type so it survives closing the app or
 * changing phones. `data` is null once submitted; the row stays, with the campaign the person
 * came from, for the campaign's "started" count.
 */
@Entity('application_drafts')
export class ApplicationDraftEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('uq_application_drafts_user_id', { unique: true })
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /** The draft as JSON, bounded by the draft schema (at most a few KB). */
  @Column({ type: 'text', nullable: true })
  data: string | null;

  @Index('ix_application_drafts_campaign_id')
  @Column({ name: 'campaign_id', type: 'integer', nullable: true })
  campaignId: number | null;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
