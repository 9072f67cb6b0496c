import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 17: the event's contact phone and registration questions, and each registration's answers. */
export class EventQuestions1796030000001 implements MigrationInterface {
  name = 'EventQuestions1796030000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`contactPhone\` varchar(20) NULL`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`questions\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`registration\` ADD \`answers\` text NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`registration\` DROP COLUMN \`answers\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`questions\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`contactPhone\``);
  }
}
