import { MigrationInterface, QueryRunner } from 'typeorm';

export class Matchmaking1795923438632 implements MigrationInterface {
  name = 'Matchmaking1795923438632';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`match_profile\` (\`userId\` int NOT NULL, \`displayName\` varchar(40) NOT NULL, \`gender\` varchar(8) NOT NULL, \`birthYear\` int NOT NULL, \`occupation\` varchar(20) NOT NULL, \`city\` varchar(40) NOT NULL, \`intro\` varchar(400) NOT NULL DEFAULT '', \`photoUrl\` varchar(500) NULL, \`contactKind\` varchar(10) NOT NULL, \`contactSealed\` varchar(200) NOT NULL, \`consentVersion\` varchar(20) NOT NULL, \`consentAt\` datetime NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`userId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`match_settings\` (\`eventId\` int NOT NULL, \`picksPerPerson\` int NOT NULL DEFAULT '3', \`pickOpensAt\` datetime NOT NULL, \`pickClosesAt\` datetime NOT NULL, \`revealAtOnce\` tinyint NOT NULL DEFAULT 0, PRIMARY KEY (\`eventId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`match_participant\` (\`eventId\` int NOT NULL, \`userId\` int NOT NULL, \`picks\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`eventId\`, \`userId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`match_pick\` (\`id\` int NOT NULL AUTO_INCREMENT, \`eventId\` int NOT NULL, \`pickerId\` int NOT NULL, \`pickedId\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_match_pick_picked\` (\`eventId\`, \`pickedId\`), UNIQUE INDEX \`uq_match_pick\` (\`eventId\`, \`pickerId\`, \`pickedId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`match_removal\` (\`id\` int NOT NULL AUTO_INCREMENT, \`eventId\` int NOT NULL, \`lowId\` int NOT NULL, \`highId\` int NOT NULL, UNIQUE INDEX \`uq_match_removal\` (\`eventId\`, \`lowId\`, \`highId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`match_block\` (\`id\` int NOT NULL AUTO_INCREMENT, \`blockerId\` int NOT NULL, \`blockedId\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_match_block_blocked\` (\`blockedId\`), UNIQUE INDEX \`uq_match_block\` (\`blockerId\`, \`blockedId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`match_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`eventId\` int NOT NULL, \`reporterId\` int NOT NULL, \`reportedId\` int NOT NULL, \`reason\` varchar(400) NOT NULL, \`handledAt\` datetime NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_match_report_event\` (\`eventId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_match_report_event\` ON \`match_report\``);
    await queryRunner.query(`DROP TABLE \`match_report\``);
    await queryRunner.query(`DROP INDEX \`uq_match_block\` ON \`match_block\``);
    await queryRunner.query(`DROP INDEX \`idx_match_block_blocked\` ON \`match_block\``);
    await queryRunner.query(`DROP TABLE \`match_block\``);
    await queryRunner.query(`DROP INDEX \`uq_match_removal\` ON \`match_removal\``);
    await queryRunner.query(`DROP TABLE \`match_removal\``);
    await queryRunner.query(`DROP INDEX \`uq_match_pick\` ON \`match_pick\``);
    await queryRunner.query(`DROP INDEX \`idx_match_pick_picked\` ON \`match_pick\``);
    await queryRunner.query(`DROP TABLE \`match_pick\``);
    await queryRunner.query(`DROP TABLE \`match_participant\``);
    await queryRunner.query(`DROP TABLE \`match_settings\``);
    await queryRunner.query(`DROP TABLE \`match_profile\``);
  }
}
