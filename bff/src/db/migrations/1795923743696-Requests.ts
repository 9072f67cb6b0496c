import { MigrationInterface, QueryRunner } from 'typeorm';

export class Requests1795923743696 implements MigrationInterface {
  name = 'Requests1795923743696';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`worker_request\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NULL, \`organisationId\` int NOT NULL, \`category\` varchar(24) NOT NULL, \`text\` text NOT NULL, \`stationId\` int NULL, \`eventId\` int NULL, \`photoUrl\` varchar(500) NULL, \`channel\` varchar(10) NOT NULL, \`reporterName\` varchar(40) NOT NULL DEFAULT '', \`status\` varchar(12) NOT NULL DEFAULT 'submitted', \`assigneeId\` int NULL, \`dueAt\` datetime NOT NULL, \`resolvedAt\` datetime NULL, \`rating\` varchar(12) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_request_user\` (\`userId\`), INDEX \`idx_request_org_status\` (\`organisationId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`request_reply\` (\`id\` int NOT NULL AUTO_INCREMENT, \`requestId\` int NOT NULL, \`authorId\` int NOT NULL, \`fromOrganiser\` tinyint NOT NULL, \`text\` text NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_reply_request\` (\`requestId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`membership\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`organisationId\` int NOT NULL, \`status\` varchar(12) NOT NULL DEFAULT 'pending', \`name\` varchar(40) NOT NULL, \`phone\` varchar(20) NOT NULL, \`employer\` varchar(80) NOT NULL, \`occupation\` varchar(20) NOT NULL, \`ceremonyEventId\` int NULL, \`memberNo\` varchar(20) NULL, \`rejectReason\` varchar(400) NULL, \`decidedBy\` int NULL, \`decidedAt\` datetime NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_membership_org_status\` (\`organisationId\`, \`status\`), UNIQUE INDEX \`uq_membership_user_org\` (\`userId\`, \`organisationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_membership_user_org\` ON \`membership\``);
    await queryRunner.query(`DROP INDEX \`idx_membership_org_status\` ON \`membership\``);
    await queryRunner.query(`DROP TABLE \`membership\``);
    await queryRunner.query(`DROP INDEX \`idx_reply_request\` ON \`request_reply\``);
    await queryRunner.query(`DROP TABLE \`request_reply\``);
    await queryRunner.query(`DROP INDEX \`idx_request_org_status\` ON \`worker_request\``);
    await queryRunner.query(`DROP INDEX \`idx_request_user\` ON \`worker_request\``);
    await queryRunner.query(`DROP TABLE \`worker_request\``);
  }
}
