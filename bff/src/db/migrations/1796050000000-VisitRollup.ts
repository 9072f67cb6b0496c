import { MigrationInterface, QueryRunner } from 'typeorm';
import { rollupBackfillSql } from '../../services/visit-rollup';

/** Per-day visit counts per station, subtree totals of past days (made when first read), each worker's last visit day per organisation; built from the visits so far. */
export class VisitRollup1796050000000 implements MigrationInterface {
  name = 'VisitRollup1796050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`visit_day\` (\`stationId\` int NOT NULL, \`day\` int NOT NULL, \`visits\` int NOT NULL DEFAULT '0', \`printed\` int NOT NULL DEFAULT '0', \`rotating\` int NOT NULL DEFAULT '0', INDEX \`idx_visit_day_day\` (\`day\`, \`stationId\`, \`visits\`), PRIMARY KEY (\`stationId\`, \`day\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`visit_worker_last\` (\`organisationId\` int NOT NULL, \`userId\` int NOT NULL, \`lastDay\` int NOT NULL, INDEX \`idx_visit_worker_last_day\` (\`organisationId\`, \`lastDay\`), PRIMARY KEY (\`organisationId\`, \`userId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`visit_org_day\` (\`organisationId\` int NOT NULL, \`day\` int NOT NULL, \`visits\` int NOT NULL DEFAULT '0', INDEX \`idx_visit_org_day_day\` (\`day\`), PRIMARY KEY (\`organisationId\`, \`day\`)) ENGINE=InnoDB`,
    );
    // The dashboard's "events held in the last 30 days" of a whole province reads a range of end times.
    await queryRunner.query(`CREATE INDEX \`idx_event_status_end\` ON \`event\` (\`status\`, \`endsAt\`)`);
    for (const sql of rollupBackfillSql('mysql')) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_event_status_end\` ON \`event\``);
    await queryRunner.query(`DROP TABLE \`visit_org_day\``);
    await queryRunner.query(`DROP TABLE \`visit_worker_last\``);
    await queryRunner.query(`DROP TABLE \`visit_day\``);
  }
}
