import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The door admits tickets only within its hours; an organiser's deliberate admission outside them
 * is kept on the registration. Matchmaking profiles say whom the person wants to meet: existing
 * profiles keep null, which the board reads as the opposite gender.
 */
export class DoorOverrideWantsToMeet1795935000000 implements MigrationInterface {
  name = 'DoorOverrideWantsToMeet1795935000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`registration\` ADD \`checkinOverride\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`match_profile\` ADD \`wantsToMeet\` varchar(8) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`match_profile\` DROP COLUMN \`wantsToMeet\``);
    await queryRunner.query(`ALTER TABLE \`registration\` DROP COLUMN \`checkinOverride\``);
  }
}
