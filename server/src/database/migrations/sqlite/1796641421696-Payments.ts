import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1796641421696 implements MigrationInterface {
  name = 'Payments1796641421696';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"payments\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"subject_type\" varchar(32) NOT NULL, \"subject_id\" integer NOT NULL, \"method\" varchar(16) NOT NULL, \"status\" varchar(16) NOT NULL, \"amount_fen\" integer NOT NULL, \"out_trade_no\" varchar(32), \"transaction_id\" varchar(64), \"bank_reference\" varchar(64), \"open_key\" varchar(48), \"payer_user_id\" integer, \"payer_openid\" varchar(64), \"payer_name\" varchar(100), \"paid_on\" varchar(10), \"expires_at\" datetime, \"prepay_id\" varchar(64), \"recorded_by\" integer, \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_payments_out_trade_no\" ON \"payments\" (\"out_trade_no\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_payments_bank_reference\" ON \"payments\" (\"bank_reference\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_payments_open_key\" ON \"payments\" (\"open_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_payments_status\" ON \"payments\" (\"status\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_payments_subject\" ON \"payments\" (\"subject_type\", \"subject_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"refunds\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"payment_id\" integer NOT NULL, \"out_refund_no\" varchar(64) NOT NULL, \"amount_fen\" integer NOT NULL, \"reason\" varchar(80) NOT NULL, \"status\" varchar(16) NOT NULL, \"refund_id\" varchar(64), \"requested_by\" integer NOT NULL, \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL, \"succeeded_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_refunds_payment_id\" ON \"refunds\" (\"payment_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_refunds_out_refund_no\" ON \"refunds\" (\"out_refund_no\") ");
    await queryRunner.query("CREATE INDEX \"ix_refunds_status\" ON \"refunds\" (\"status\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_refunds_status\"");
    await queryRunner.query("DROP INDEX \"uq_refunds_out_refund_no\"");
    await queryRunner.query("DROP INDEX \"ix_refunds_payment_id\"");
    await queryRunner.query("DROP TABLE \"refunds\"");
    await queryRunner.query("DROP INDEX \"ix_payments_subject\"");
    await queryRunner.query("DROP INDEX \"ix_payments_status\"");
    await queryRunner.query("DROP INDEX \"uq_payments_open_key\"");
    await queryRunner.query("DROP INDEX \"uq_payments_bank_reference\"");
    await queryRunner.query("DROP INDEX \"uq_payments_out_trade_no\"");
    await queryRunner.query("DROP TABLE \"payments\"");
  }
}
