import { MigrationInterface, QueryRunner } from 'typeorm';

export class PresenceClaim1795931546648 implements MigrationInterface {
  name = 'PresenceClaim1795931546648';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`station_presence\` ADD \`lastRequestId\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`station_presence\` ADD \`claimedAt\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`station_presence\` DROP COLUMN \`claimedAt\``);
    await queryRunner.query(`ALTER TABLE \`station_presence\` DROP COLUMN \`lastRequestId\``);
  }
}
