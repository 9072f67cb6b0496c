import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795920855657 implements MigrationInterface {
  name = 'Init1795920855657';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`organisation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(60) NOT NULL, \`level\` varchar(16) NOT NULL, \`parentId\` int NULL, \`path\` varchar(255) NOT NULL DEFAULT '', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_organisation_path\` (\`path\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`role_grant\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`organisationId\` int NOT NULL, \`role\` varchar(16) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_role_grant\` (\`userId\`, \`organisationId\`, \`role\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`session\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tokenHash\` varchar(64) NOT NULL, \`userId\` int NOT NULL, \`wechatSessionKey\` varchar(64) NULL, \`expiresAt\` datetime NOT NULL, \`revokedAt\` datetime NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_session_token_hash\` (\`tokenHash\`), INDEX \`idx_session_user\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`user\` (\`id\` int NOT NULL AUTO_INCREMENT, \`openid\` varchar(64) NULL, \`devName\` varchar(40) NULL, \`nickname\` varchar(40) NULL, \`occupation\` varchar(20) NULL, \`gender\` varchar(8) NULL, \`birthYear\` int NULL, \`phone\` varchar(20) NULL, \`erasedAt\` datetime NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_user_openid\` (\`openid\`), UNIQUE INDEX \`uq_user_dev_name\` (\`devName\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_user_dev_name\` ON \`user\``);
    await queryRunner.query(`DROP INDEX \`uq_user_openid\` ON \`user\``);
    await queryRunner.query(`DROP TABLE \`user\``);
    await queryRunner.query(`DROP INDEX \`idx_session_user\` ON \`session\``);
    await queryRunner.query(`DROP INDEX \`uq_session_token_hash\` ON \`session\``);
    await queryRunner.query(`DROP TABLE \`session\``);
    await queryRunner.query(`DROP INDEX \`uq_role_grant\` ON \`role_grant\``);
    await queryRunner.query(`DROP TABLE \`role_grant\``);
    await queryRunner.query(`DROP INDEX \`idx_organisation_path\` ON \`organisation\``);
    await queryRunner.query(`DROP TABLE \`organisation\``);
  }
}
