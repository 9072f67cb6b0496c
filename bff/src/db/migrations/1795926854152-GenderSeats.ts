import { MigrationInterface, QueryRunner } from 'typeorm';

export class GenderSeats1795926854152 implements MigrationInterface {
  name = 'GenderSeats1795926854152';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`match_gender_seat\` (\`eventId\` int NOT NULL, \`gender\` varchar(8) NOT NULL, \`confirmed\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`eventId\`, \`gender\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`ALTER TABLE \`registration\` ADD \`seatGender\` varchar(8) NULL`);
    await queryRunner.query(`ALTER TABLE \`match_settings\` ADD \`seatsMale\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`match_settings\` ADD \`seatsFemale\` int NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`match_settings\` DROP COLUMN \`seatsFemale\``);
    await queryRunner.query(`ALTER TABLE \`match_settings\` DROP COLUMN \`seatsMale\``);
    await queryRunner.query(`ALTER TABLE \`registration\` DROP COLUMN \`seatGender\``);
    await queryRunner.query(`DROP TABLE \`match_gender_seat\``);
  }
}
