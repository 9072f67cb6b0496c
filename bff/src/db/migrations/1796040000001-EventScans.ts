import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (5): the door's history of scans (entries, undos, refused scans). Every registration
 * checked in before becomes one 'entry' (method 'migrated' where it was not recorded), so who is in
 * reads the same after the upgrade. SQLite gets the same rows at start (backfillEventScans).
 */
export class EventScans1796040000001 implements MigrationInterface {
  name = 'EventScans1796040000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`event_scan\` (\`id\` int NOT NULL AUTO_INCREMENT, \`eventId\` int NOT NULL, \`registrationId\` int NULL, \`kind\` varchar(8) NOT NULL, \`reason\` varchar(16) NULL, \`method\` varchar(8) NOT NULL, \`override\` tinyint NOT NULL DEFAULT 0, \`userId\` int NULL, \`deviceId\` varchar(64) NULL, \`deviceTime\` datetime(3) NULL, \`receivedAt\` datetime(3) NOT NULL, \`slot\` varchar(40) NULL, INDEX \`idx_event_scan_event\` (\`eventId\`, \`receivedAt\`), INDEX \`idx_event_scan_registration\` (\`registrationId\`), UNIQUE INDEX \`uq_event_scan_slot\` (\`slot\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(backfillEventScansSql('mysql'));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`event_scan\``);
  }
}

/**
 * One 'entry' per registration checked in that has no history yet (idempotent; on MySQL and
 * SQLite alike). Its slot is the first entry's, so the next undo and re-entry follow on.
 */
export const backfillEventScansSql = (store: 'mysql' | 'sqlite') =>
  'INSERT INTO event_scan (eventId, registrationId, kind, reason, method, override, userId, deviceId, deviceTime, receivedAt, slot) ' +
  "SELECT r.eventId, r.id, 'entry', NULL, COALESCE(r.checkinMethod, 'migrated'), r.checkinOverride, r.checkedInBy, NULL, NULL, r.checkedInAt, " +
  (store === 'mysql' ? "CONCAT('e:', r.id, ':0')" : "'e:' || r.id || ':0'") +
  ' ' +
  'FROM registration r WHERE r.checkedInAt IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_scan s WHERE s.registrationId = r.id)';
