import { MigrationInterface, QueryRunner } from 'typeorm';

/** The door records how each attendee got in (scan, manual by name, self); earlier check-ins keep null. */
export class CheckinMethod1796030000000 implements MigrationInterface {
  name = 'CheckinMethod1796030000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`registration\` ADD \`checkinMethod\` varchar(8) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`registration\` DROP COLUMN \`checkinMethod\``);
  }
}
