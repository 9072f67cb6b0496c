import { MigrationInterface, QueryRunner } from 'typeorm';

export class Events1795922543960 implements MigrationInterface {
  name = 'Events1795922543960';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`organisationId\` int NOT NULL, \`kind\` varchar(20) NOT NULL, \`title\` varchar(60) NOT NULL, \`description\` text NOT NULL, \`stationId\` int NULL, \`venue\` varchar(120) NOT NULL DEFAULT '', \`latitude\` double NULL, \`longitude\` double NULL, \`startsAt\` datetime NOT NULL, \`endsAt\` datetime NOT NULL, \`registrationOpensAt\` datetime NOT NULL, \`registrationClosesAt\` datetime NOT NULL, \`capacity\` int NOT NULL, \`confirmedCount\` int NOT NULL DEFAULT '0', \`waitlist\` tinyint NOT NULL DEFAULT 1, \`cancellationDeadline\` datetime NULL, \`eligibleGenders\` text NOT NULL, \`minAge\` int NULL, \`maxAge\` int NULL, \`eligibleOccupations\` text NOT NULL, \`membersOnly\` tinyint NOT NULL DEFAULT 0, \`selfCheckin\` tinyint NOT NULL DEFAULT 0, \`certificateName\` varchar(60) NULL, \`status\` varchar(12) NOT NULL DEFAULT 'draft', \`qrSecret\` varchar(64) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_event_status_start\` (\`status\`, \`startsAt\`), INDEX \`idx_event_org_start\` (\`organisationId\`, \`startsAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`notification\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`title\` varchar(60) NOT NULL, \`body\` varchar(300) NOT NULL, \`eventId\` int NULL, \`readAt\` datetime NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_notification_user\` (\`userId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`registration\` (\`id\` int NOT NULL AUTO_INCREMENT, \`eventId\` int NOT NULL, \`userId\` int NOT NULL, \`status\` varchar(12) NOT NULL, \`queuedAt\` datetime(3) NOT NULL, \`cancelledAt\` datetime(3) NULL, \`checkedInAt\` datetime(3) NULL, \`checkedInBy\` int NULL, \`completed\` tinyint NOT NULL DEFAULT 0, INDEX \`idx_registration_user\` (\`userId\`), INDEX \`idx_registration_event_status\` (\`eventId\`, \`status\`, \`queuedAt\`), UNIQUE INDEX \`uq_registration_event_user\` (\`eventId\`, \`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_registration_event_user\` ON \`registration\``);
    await queryRunner.query(`DROP INDEX \`idx_registration_event_status\` ON \`registration\``);
    await queryRunner.query(`DROP INDEX \`idx_registration_user\` ON \`registration\``);
    await queryRunner.query(`DROP TABLE \`registration\``);
    await queryRunner.query(`DROP INDEX \`idx_notification_user\` ON \`notification\``);
    await queryRunner.query(`DROP TABLE \`notification\``);
    await queryRunner.query(`DROP INDEX \`idx_event_org_start\` ON \`event\``);
    await queryRunner.query(`DROP INDEX \`idx_event_status_start\` ON \`event\``);
    await queryRunner.query(`DROP TABLE \`event\``);
  }
}
