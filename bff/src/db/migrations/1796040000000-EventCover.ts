import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 17 (10): an event's cover image, an upload of purpose 'event'. */
export class EventCover1796040000000 implements MigrationInterface {
  name = 'EventCover1796040000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`coverId\` varchar(22) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`coverId\``);
  }
}
