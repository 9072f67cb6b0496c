import { MigrationInterface, QueryRunner } from 'typeorm';

export class Hardening1795923942786 implements MigrationInterface {
  name = 'Hardening1795923942786';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_checkin_station_time\` ON \`checkin\``);
    await queryRunner.query(
      `CREATE TABLE \`rate_counter\` (\`bucket\` varchar(150) NOT NULL, \`count\` int NOT NULL DEFAULT '0', \`expiresAt\` datetime NOT NULL, INDEX \`idx_rate_counter_expires\` (\`expiresAt\`), PRIMARY KEY (\`bucket\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`CREATE INDEX \`idx_checkin_station_time\` ON \`checkin\` (\`stationId\`, \`checkedInAt\`, \`userId\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_checkin_station_time\` ON \`checkin\``);
    await queryRunner.query(`DROP INDEX \`idx_rate_counter_expires\` ON \`rate_counter\``);
    await queryRunner.query(`DROP TABLE \`rate_counter\``);
    await queryRunner.query(`CREATE INDEX \`idx_checkin_station_time\` ON \`checkin\` (\`stationId\`, \`checkedInAt\`)`);
  }
}
