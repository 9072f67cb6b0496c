import { MigrationInterface, QueryRunner } from 'typeorm';

export class SubscriptionMessages1796017118264 implements MigrationInterface {
  name = 'SubscriptionMessages1796017118264';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`subscribe_grant\` (\`userId\` int NOT NULL, \`templateId\` varchar(64) NOT NULL, \`count\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`userId\`, \`templateId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wechat_outbox\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`kind\` varchar(24) NOT NULL, \`vals\` text NOT NULL, \`page\` varchar(200) NOT NULL, \`dedupeKey\` varchar(80) NULL, \`status\` varchar(10) NOT NULL DEFAULT 'pending', \`attempts\` int NOT NULL DEFAULT '0', \`nextAttemptAt\` datetime NOT NULL, \`claimedBy\` varchar(32) NULL, \`claimedUntil\` datetime NULL, \`grantUsed\` tinyint NOT NULL DEFAULT 0, \`lastError\` varchar(200) NULL, \`sentAt\` datetime NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_outbox_dedupe\` (\`dedupeKey\`), INDEX \`idx_outbox_due\` (\`status\`, \`nextAttemptAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_outbox_due\` ON \`wechat_outbox\``);
    await queryRunner.query(`DROP INDEX \`uq_outbox_dedupe\` ON \`wechat_outbox\``);
    await queryRunner.query(`DROP TABLE \`wechat_outbox\``);
    await queryRunner.query(`DROP TABLE \`subscribe_grant\``);
  }
}
