import { MigrationInterface, QueryRunner } from 'typeorm';

export class PhoneAndMediaCheck1796019021839 implements MigrationInterface {
  name = 'PhoneAndMediaCheck1796019021839';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`membership\` ADD \`phoneVerified\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`user\` ADD \`verifiedPhone\` varchar(20) NULL`);
    await queryRunner.query(`ALTER TABLE \`upload\` ADD \`checkStatus\` varchar(10) NULL`);
    await queryRunner.query(`ALTER TABLE \`upload\` ADD \`checkTraceId\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`upload\` ADD \`checkSentAt\` datetime NULL`);
    await queryRunner.query(`CREATE INDEX \`idx_upload_trace\` ON \`upload\` (\`checkTraceId\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_upload_check\` ON \`upload\` (\`checkStatus\`, \`checkSentAt\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_upload_check\` ON \`upload\``);
    await queryRunner.query(`DROP INDEX \`idx_upload_trace\` ON \`upload\``);
    await queryRunner.query(`ALTER TABLE \`upload\` DROP COLUMN \`checkSentAt\``);
    await queryRunner.query(`ALTER TABLE \`upload\` DROP COLUMN \`checkTraceId\``);
    await queryRunner.query(`ALTER TABLE \`upload\` DROP COLUMN \`checkStatus\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`verifiedPhone\``);
    await queryRunner.query(`ALTER TABLE \`membership\` DROP COLUMN \`phoneVerified\``);
  }
}
