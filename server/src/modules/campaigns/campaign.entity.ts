import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An entry code: a named mini-program code (a poster, a booth) whose scans and applications are counted. */
@Entity('campaigns')
export class CampaignEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  /** What the code carries to the app (WeChat's `scene`); random, so codes cannot be guessed. */
  @Index('uq_campaigns_scene', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  scene: string;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/**
 * One launch of the app from a campaign's code. Insert-only, so a crowd scanning one poster at a
 * booth never contends for a counter row.
 */
@Entity('campaign_scans')
@Index('ix_campaign_scans_campaign', ['campaignId'])
export class CampaignScanEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'scanned_at', type: 'datetime' })
  scannedAt: Date;
}
