import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardIndexes1796653868290 implements MigrationInterface {
  name = 'DashboardIndexes1796653868290';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"ix_applications_submitted_campaign_state\" ON \"applications\" (\"submitted_at\", \"campaign_id\", \"state\") ");
    await queryRunner.query("CREATE INDEX \"ix_articles_dashboard\" ON \"articles\" (\"state\", \"category\", \"published_at\", \"read_count\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_status\" ON \"bills\" (\"status\") ");
    await queryRunner.query("CREATE INDEX \"ix_group_reveals_first_shown_at\" ON \"group_reveals\" (\"first_shown_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_payments_status_paid_on\" ON \"payments\" (\"status\", \"paid_on\") ");
    await queryRunner.query("CREATE INDEX \"ix_unit_status_changes_status_at\" ON \"unit_status_changes\" (\"status\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"ix_units_joined_on\" ON \"units\" (\"joined_on\") ");
    await queryRunner.query("CREATE INDEX \"ix_units_level_status\" ON \"units\" (\"level\", \"status\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_units_level_status\"");
    await queryRunner.query("DROP INDEX \"ix_units_joined_on\"");
    await queryRunner.query("DROP INDEX \"ix_unit_status_changes_status_at\"");
    await queryRunner.query("DROP INDEX \"ix_payments_status_paid_on\"");
    await queryRunner.query("DROP INDEX \"ix_group_reveals_first_shown_at\"");
    await queryRunner.query("DROP INDEX \"idx_bills_status\"");
    await queryRunner.query("DROP INDEX \"ix_articles_dashboard\"");
    await queryRunner.query("DROP INDEX \"ix_applications_submitted_campaign_state\"");
  }
}
