import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos become uploads kept in the store. The free links typed before (a request's photoUrl,
 * a station's photos) pointed anywhere, made organisers' browsers fetch from unknown hosts, and
 * the app itself never sent one: they are dropped, not carried over. No upload exists yet, so
 * every entry in station.photos is such a link.
 */
export class Uploads1795932412676 implements MigrationInterface {
  name = 'Uploads1795932412676';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`upload\` (\`id\` varchar(22) NOT NULL, \`userId\` int NULL, \`purpose\` varchar(10) NOT NULL, \`mime\` varchar(12) NOT NULL, \`size\` int NOT NULL, \`sha256\` varchar(64) NOT NULL, \`bytes\` mediumblob NOT NULL, \`createdAt\` datetime NOT NULL, \`attachedAt\` datetime NULL, INDEX \`idx_upload_user\` (\`userId\`), INDEX \`idx_upload_unattached\` (\`attachedAt\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`ALTER TABLE \`worker_request\` DROP COLUMN \`photoUrl\``);
    await queryRunner.query(`ALTER TABLE \`worker_request\` ADD \`photoId\` varchar(22) NULL`);
    await queryRunner.query(`UPDATE \`station\` SET \`photos\` = '[]' WHERE \`photos\` <> '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE \`station\` SET \`photos\` = '[]' WHERE \`photos\` <> '[]'`);
    await queryRunner.query(`ALTER TABLE \`worker_request\` DROP COLUMN \`photoId\``);
    await queryRunner.query(`ALTER TABLE \`worker_request\` ADD \`photoUrl\` varchar(500) NULL`);
    await queryRunner.query(`DROP INDEX \`idx_upload_unattached\` ON \`upload\``);
    await queryRunner.query(`DROP INDEX \`idx_upload_user\` ON \`upload\``);
    await queryRunner.query(`DROP TABLE \`upload\``);
  }
}
