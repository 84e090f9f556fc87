import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1796641421696 implements MigrationInterface {
  name = 'Payments1796641421696';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `payments` (`id` int NOT NULL AUTO_INCREMENT, `subject_type` varchar(32) NOT NULL, `subject_id` int NOT NULL, `method` varchar(16) NOT NULL, `status` varchar(16) NOT NULL, `amount_fen` int NOT NULL, `out_trade_no` varchar(32) NULL, `transaction_id` varchar(64) NULL, `bank_reference` varchar(64) NULL, `open_key` varchar(48) NULL, `payer_user_id` int NULL, `payer_openid` varchar(64) NULL, `payer_name` varchar(100) NULL, `paid_on` varchar(10) NULL, `expires_at` datetime NULL, `prepay_id` varchar(64) NULL, `recorded_by` int NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, UNIQUE INDEX `uq_payments_out_trade_no` (`out_trade_no`), UNIQUE INDEX `uq_payments_bank_reference` (`bank_reference`), UNIQUE INDEX `uq_payments_open_key` (`open_key`), INDEX `ix_payments_status` (`status`, `id`), INDEX `ix_payments_subject` (`subject_type`, `subject_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `refunds` (`id` int NOT NULL AUTO_INCREMENT, `payment_id` int NOT NULL, `out_refund_no` varchar(64) NOT NULL, `amount_fen` int NOT NULL, `reason` varchar(80) NOT NULL, `status` varchar(16) NOT NULL, `refund_id` varchar(64) NULL, `requested_by` int NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `succeeded_at` datetime NULL, INDEX `ix_refunds_payment_id` (`payment_id`), UNIQUE INDEX `uq_refunds_out_refund_no` (`out_refund_no`), INDEX `ix_refunds_status` (`status`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `ix_refunds_status` ON `refunds`");
    await queryRunner.query("DROP INDEX `uq_refunds_out_refund_no` ON `refunds`");
    await queryRunner.query("DROP INDEX `ix_refunds_payment_id` ON `refunds`");
    await queryRunner.query("DROP TABLE `refunds`");
    await queryRunner.query("DROP INDEX `ix_payments_subject` ON `payments`");
    await queryRunner.query("DROP INDEX `ix_payments_status` ON `payments`");
    await queryRunner.query("DROP INDEX `uq_payments_open_key` ON `payments`");
    await queryRunner.query("DROP INDEX `uq_payments_bank_reference` ON `payments`");
    await queryRunner.query("DROP INDEX `uq_payments_out_trade_no` ON `payments`");
    await queryRunner.query("DROP TABLE `payments`");
  }
}
