import { Column, Entity, EntitySchema, PrimaryColumn } from 'typeorm';

/**
 * The app's WeChat access token, shared by every BFF process that has no Redis. One row per
 * app id; `leaseUntil` is claimed by a conditional UPDATE so that one process refreshes at a time.
 */
@Entity('wechat_token')
export class WechatTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  appId: string;

  /** WeChat asks for at least 512 characters of room. */
  @Column({ type: 'varchar', length: 1024, nullable: true })
  token: string | null;

  @Column({ type: 'datetime', nullable: true })
  expiresAt: Date | null;

  /** While in the future, one process is fetching a token; the others wait for the row. */
  @Column({ type: 'datetime', nullable: true })
  leaseUntil: Date | null;

  /** Random id of the process holding the lease. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  leaseOwner: string | null;

  /** Last forced refresh: WeChat allows one every 30 s (and 20 a day). */
  @Column({ type: 'datetime', nullable: true })
  forcedAt: Date | null;
}

/** A mini-program code (小程序码) image fetched once per payload, so a poster printed twice costs one call. */
export class WxacodeEntity {
  /** env version, page and scene: `release|pages/index/index|S1.x.sig`. */
  key: string;
  bytes: Buffer;
  /** Rotating payloads are swept after a while; printed ones stay. */
  rotating: boolean;
  createdAt: Date;
}

/** Per store, like the upload table: its bytes need MEDIUMBLOB on MySQL. */
export function wxacodeEntitySchema(store: 'mysql' | 'sqlite'): EntitySchema<WxacodeEntity> {
  return new EntitySchema<WxacodeEntity>({
    name: 'WxacodeEntity',
    target: WxacodeEntity,
    tableName: 'wxacode',
    columns: {
      key: { type: 'varchar', length: 120, primary: true },
      bytes: { type: store === 'mysql' ? 'mediumblob' : 'blob' },
      rotating: { type: 'boolean', default: false },
      createdAt: { type: 'datetime' },
    },
    indices: [{ name: 'idx_wxacode_rotating', columns: ['rotating', 'createdAt'] }],
  });
}
