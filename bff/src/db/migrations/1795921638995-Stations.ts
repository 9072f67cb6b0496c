import { MigrationInterface, QueryRunner } from 'typeorm';

export class Stations1795921638995 implements MigrationInterface {
  name = 'Stations1795921638995';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`checkin\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`stationId\` int NOT NULL, \`checkedInAt\` datetime(3) NOT NULL, \`receivedAt\` datetime(3) NOT NULL, \`offline\` tinyint NOT NULL DEFAULT 0, \`method\` varchar(10) NOT NULL, \`distanceMetres\` int NULL, \`clientRequestId\` varchar(64) NOT NULL, INDEX \`idx_checkin_user_time\` (\`userId\`, \`checkedInAt\`), INDEX \`idx_checkin_station_time\` (\`stationId\`, \`checkedInAt\`), UNIQUE INDEX \`uq_checkin_request\` (\`userId\`, \`clientRequestId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`kiosk_link\` (\`id\` int NOT NULL AUTO_INCREMENT, \`stationId\` int NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`createdBy\` int NOT NULL, \`revokedAt\` datetime NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_kiosk_station\` (\`stationId\`), UNIQUE INDEX \`uq_kiosk_token_hash\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`station_presence\` (\`userId\` int NOT NULL, \`stationId\` int NOT NULL, \`lastAt\` datetime(3) NOT NULL, PRIMARY KEY (\`userId\`, \`stationId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`station\` (\`id\` int NOT NULL AUTO_INCREMENT, \`organisationId\` int NOT NULL, \`name\` varchar(40) NOT NULL, \`address\` varchar(120) NOT NULL, \`latitude\` double NOT NULL, \`longitude\` double NOT NULL, \`open24h\` tinyint NOT NULL DEFAULT 0, \`opensAt\` varchar(5) NULL, \`closesAt\` varchar(5) NULL, \`amenities\` text NOT NULL, \`description\` varchar(500) NOT NULL DEFAULT '', \`areaSqm\` int NULL, \`photos\` text NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`allowPrinted\` tinyint NOT NULL DEFAULT 1, \`allowRotating\` tinyint NOT NULL DEFAULT 1, \`radiusMetres\` int NULL, \`qrSecret\` varchar(64) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_station_org\` (\`organisationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_station_org\` ON \`station\``);
    await queryRunner.query(`DROP TABLE \`station\``);
    await queryRunner.query(`DROP TABLE \`station_presence\``);
    await queryRunner.query(`DROP INDEX \`uq_kiosk_token_hash\` ON \`kiosk_link\``);
    await queryRunner.query(`DROP INDEX \`idx_kiosk_station\` ON \`kiosk_link\``);
    await queryRunner.query(`DROP TABLE \`kiosk_link\``);
    await queryRunner.query(`DROP INDEX \`uq_checkin_request\` ON \`checkin\``);
    await queryRunner.query(`DROP INDEX \`idx_checkin_station_time\` ON \`checkin\``);
    await queryRunner.query(`DROP INDEX \`idx_checkin_user_time\` ON \`checkin\``);
    await queryRunner.query(`DROP TABLE \`checkin\``);
  }
}
