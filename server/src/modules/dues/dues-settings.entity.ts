import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row (id 1) of the association's dues settings: the account to pay into and the year's dates. */
@Entity('dues_settings')
export class DuesSettingsEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'account_name', type: 'varchar', length: 100 })
  accountName: string;

  @Column({ name: 'bank_name', type: 'varchar', length: 100 })
  bankName: string;

  @Column({ name: 'account_number', type: 'varchar', length: 40 })
  accountNumber: string;

  /** MM-DD. */
  @Column({ name: 'due_month_day', type: 'varchar', length: 5 })
  dueMonthDay: string;

  /** MM-DD. */
  @Column({ name: 'open_month_day', type: 'varchar', length: 5 })
  openMonthDay: string;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
