import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CheckinMethod, DoorScanKind, DoorScanReason } from '@xlx/shared';

/**
 * One door event, kept for good (like pretixSCAN's check-in list): an entry, its undo, or a refused
 * scan with the reason. Who is in is derived: an entry not followed by an undo. The registration's
 * checkedInAt is a copy kept in step in the same transaction, for pages that only ask "in or not".
 */
@Entity('event_scan')
@Index('uq_event_scan_slot', ['slot'], { unique: true })
@Index('idx_event_scan_event', ['eventId', 'receivedAt'])
@Index('idx_event_scan_registration', ['registrationId'])
export class EventScanEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The door's event (a ticket of another event scanned here is refused here). */
  @Column({ type: 'int' })
  eventId: number;

  /** Null when the code named no registration we could trust (forged, unreadable). */
  @Column({ type: 'int', nullable: true })
  registrationId: number | null;

  @Column({ type: 'varchar', length: 8 })
  kind: DoorScanKind;

  /** Why a scan was refused; null for entries and undos. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  reason: DoorScanReason | null;

  /** scan, manual (found by name or phone), self (the attendee at the screen's code), or migrated. */
  @Column({ type: 'varchar', length: 8 })
  method: CheckinMethod | 'migrated';

  /** Admitted outside the door's hours on the organiser's say-so. */
  @Column({ type: 'boolean', default: false })
  override: boolean;

  /** Who scanned (an organiser); null for self check-in. */
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  /** The door device, as it names itself (one random id per browser or phone). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  deviceId: string | null;

  /** The device's clock when it scanned, as sent; null when it sent none. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  deviceTime: Date | null;

  /** The server's clock when the scan arrived. */
  @Column({ type: 'datetime', precision: 3 })
  receivedAt: Date;

  /**
   * What makes two devices scanning one ticket at once give one entry, in the database itself:
   * `e:<registration>:<n>` for the entry after n undos, `u:<registration>:<n>` for the undo of it;
   * null for refused scans. A unique key (no table lock; on Galera the loser fails certification).
   */
  @Column({ type: 'varchar', length: 40, nullable: true })
  slot: string | null;
}
