import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 扫码登录: a browser's sign-in ticket, and sessions that say what signed in, so 我的 can list
 * them. Sessions made before are the mini-program's, except those of the development sign-in.
 */
export class BrowserLogin1796015886266 implements MigrationInterface {
  name = 'BrowserLogin1796015886266';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`login_ticket\` (\`id\` int NOT NULL AUTO_INCREMENT, \`codeSig\` varchar(12) NOT NULL, \`secretHash\` varchar(64) NOT NULL, \`status\` varchar(10) NOT NULL, \`browser\` varchar(60) NOT NULL, \`createdAt\` datetime NOT NULL, \`expiresAt\` datetime NOT NULL, \`userId\` int NULL, \`decidedAt\` datetime NULL, \`sessionId\` int NULL, INDEX \`idx_login_ticket_expires\` (\`expiresAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`ALTER TABLE \`session\` ADD \`kind\` varchar(12) NOT NULL DEFAULT 'miniprogram'`);
    await queryRunner.query(`ALTER TABLE \`session\` ADD \`label\` varchar(60) NULL`);
    await queryRunner.query(`UPDATE \`session\` SET \`kind\` = 'dev' WHERE \`userId\` IN (SELECT \`id\` FROM \`user\` WHERE \`devName\` IS NOT NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`session\` DROP COLUMN \`label\``);
    await queryRunner.query(`ALTER TABLE \`session\` DROP COLUMN \`kind\``);
    await queryRunner.query(`DROP INDEX \`idx_login_ticket_expires\` ON \`login_ticket\``);
    await queryRunner.query(`DROP TABLE \`login_ticket\``);
  }
}
