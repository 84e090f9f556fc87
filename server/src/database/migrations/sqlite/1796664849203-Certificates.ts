import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Certificates1796664849203 implements MigrationInterface {
  name = 'Certificates1796664849203';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"certificates\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"year\" integer NOT NULL, \"number\" varchar(24) NOT NULL, \"code\" varchar(20) NOT NULL, \"issued_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_certificates_number\" ON \"certificates\" (\"number\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_certificates_code\" ON \"certificates\" (\"code\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_certificates_unit_year\" ON \"certificates\" (\"unit_id\", \"year\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_certificates_unit_year\"");
    await queryRunner.query("DROP INDEX \"uq_certificates_code\"");
    await queryRunner.query("DROP INDEX \"uq_certificates_number\"");
    await queryRunner.query("DROP TABLE \"certificates\"");
  }
}
