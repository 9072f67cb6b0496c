import { MigrationInterface, QueryRunner } from 'typeorm';

export class WechatPlatform1796015957399 implements MigrationInterface {
  name = 'WechatPlatform1796015957399';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`wechat_token\` (\`appId\` varchar(40) NOT NULL, \`token\` varchar(1024) NULL, \`expiresAt\` datetime NULL, \`leaseUntil\` datetime NULL, \`leaseOwner\` varchar(32) NULL, \`forcedAt\` datetime NULL, PRIMARY KEY (\`appId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wxacode\` (\`key\` varchar(120) NOT NULL, \`bytes\` mediumblob NOT NULL, \`rotating\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime NOT NULL, INDEX \`idx_wxacode_rotating\` (\`rotating\`, \`createdAt\`), PRIMARY KEY (\`key\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_wxacode_rotating\` ON \`wxacode\``);
    await queryRunner.query(`DROP TABLE \`wxacode\``);
    await queryRunner.query(`DROP TABLE \`wechat_token\``);
  }
}
