import { Between, In, LessThan, type DataSource, type Repository } from 'typeorm';
import { chinaHHmm, distanceMetres, formatDistance, LIMITS, parseQr, QR_ROTATION_SECONDS, rotationWindow, type CheckinRequest } from '@xlx/shared';
import { CheckinEntity, StationEntity, StationPresenceEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import { verifyQr } from '../adapters/qr-signer';
import { AppError } from '../lib/app-error';
import { isDeadlock } from '../lib/db-errors';
import { VisitWriter, type VisitRow } from './visit-writer';
import type { VisitRollup } from './visit-rollup';
import type { TtlCache } from '../lib/ttl-cache';

export interface CheckinOutcome {
  checkin: CheckinEntity;
  station: StationEntity;
  /** An earlier check-in within the dedupe window answered this scan. */
  duplicate: boolean;
}

/** Device clocks drift; a scan dated this far in the future is still "now". */
const CLOCK_SKEW_MS = 2 * 60 * 1000;

/** A claimed visit whose row has not appeared after this long is taken over by the next scan. */
const CLAIM_STALE_MS = 10_000;

interface VisitInput {
  at: Date;
  receivedAt: Date;
  method: CheckinEntity['method'];
  distance: number | null;
  req: CheckinRequest;
}

/** The id names one scan: sent again with another station's code it is a client bug, said plainly (never that visit). */
const requestIdReused = () => new AppError('CONFLICT', '这次扫码的请求编号已用于另一驿站的签到，请重新扫码（如仍不行，请更新小程序）');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CheckinService {
  private readonly writer: VisitWriter;

  constructor(
    ds: DataSource,
    private readonly stations: Repository<StationEntity>,
    private readonly checkins: Repository<CheckinEntity>,
    private readonly presence: Repository<StationPresenceEntity>,
    private readonly clock: Clock,
    private readonly stationCache: TtlCache<number, StationEntity | null>,
    private readonly opts: { dedupeMinutes: number; rollup?: VisitRollup } = { dedupeMinutes: LIMITS.checkinDedupeMinutes },
  ) {
    this.writer = new VisitWriter(ds, opts.dedupeMinutes, () => clock.now(), opts.rollup);
  }

  /**
   * Signs a worker in at a station from a scanned code. Refusals record nothing. A retry with
   * the same clientRequestId answers with the same check-in; a repeat scan within the dedupe
   * window answers with the first one. Both are enforced by the database: the presence row's
   * primary key and conditional UPDATE, and the unique (userId, clientRequestId).
   */
  async checkIn(userId: number, req: CheckinRequest): Promise<CheckinOutcome> {
    const receivedAt = this.clock.now();
    const at = this.effectiveTime(req.clientTime, receivedAt);
    const { station, method } = await this.verifyCode(req.code, at, receivedAt);
    if (!station.active) throw new AppError('STATION_INACTIVE');
    const distance = this.checkDistance(station, req.location);

    for (let attempt = 0; ; attempt++) {
      try {
        return await this.record(userId, station, { at, receivedAt, method, distance, req });
      } catch (err) {
        // Single statements rarely deadlock, but when MySQL picks one as the victim it is safe to run again.
        if (attempt >= 4 || !isDeadlock(err)) throw err;
        await sleep(5 + Math.random() * 20 * (attempt + 1));
      }
    }
  }

  /** The worker's own visits, newest first, with station names; keyset-paginated by id. */
  async listVisits(
    userId: number,
    q: { before?: number; limit: number },
  ): Promise<{ items: Array<{ checkin: CheckinEntity; stationName: string }>; nextCursor: number | null }> {
    const rows = await this.checkins.find({
      where: { userId, ...(q.before ? { id: LessThan(q.before) } : {}) },
      order: { id: 'DESC' },
      take: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const ids = [...new Set(page.map((c) => c.stationId))];
    const stations = ids.length ? await this.stations.find({ where: { id: In(ids) }, select: { id: true, name: true } }) : [];
    const names = new Map(stations.map((s) => [s.id, s.name]));
    return {
      items: page.map((checkin) => ({ checkin, stationName: names.get(checkin.stationId) ?? '' })),
      nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
    };
  }

  /**
   * Records a visit through the writer (claim the presence row, insert the row the claim names).
   * When the claim went elsewhere, this is a repeat within the window: the answer is the visit
   * that holds the claim. A claim whose row never appeared (its request died between the two
   * statements, and was not retried) is taken over after a while.
   */
  private async record(userId: number, station: StationEntity, c: VisitInput): Promise<CheckinOutcome> {
    const windowMs = this.opts.dedupeMinutes * 60 * 1000;
    const from = new Date(c.at.getTime() - windowMs);
    const to = new Date(c.at.getTime() + windowMs);
    const key = { userId, stationId: station.id };
    const row: VisitRow = {
      ...key,
      checkedInAt: c.at,
      receivedAt: c.receivedAt,
      offline: c.receivedAt.getTime() - c.at.getTime() > CLOCK_SKEW_MS,
      method: c.method,
      distanceMetres: c.distance,
      clientRequestId: c.req.clientRequestId,
    };

    for (let attempt = 0; attempt < 8; attempt++) {
      const mine = await this.writer.write(row);
      if (mine && mine.stationId !== station.id) throw requestIdReused();
      if (mine) return { checkin: mine, station, duplicate: false };

      const p = await this.presence.findOneBy(key);
      if (!p || p.lastAt <= from || p.lastAt >= to) continue; // moved meanwhile: claim again
      if (p.lastRequestId === row.clientRequestId) {
        // Our claim: the same scan, sent twice at once, may have written the row meanwhile.
        const own = await this.checkins.findOneBy({ userId, clientRequestId: row.clientRequestId });
        if (own && own.stationId !== station.id) throw requestIdReused();
        if (own) return { checkin: own, station, duplicate: false };
        continue;
      }
      const first = p.lastRequestId
        ? await this.checkins.findOneBy({ userId, clientRequestId: p.lastRequestId })
        : await this.checkins.findOne({ where: { ...key, checkedInAt: Between(from, to) }, order: { checkedInAt: 'DESC' } });
      if (first) return { checkin: first, station, duplicate: true };
      // The claiming scan has not written its row: still in flight, or its request died.
      if (p.lastRequestId && p.claimedAt && c.receivedAt.getTime() - p.claimedAt.getTime() > CLAIM_STALE_MS) {
        await this.presence.update({ ...key, lastRequestId: p.lastRequestId }, { lastAt: c.at, lastRequestId: row.clientRequestId, claimedAt: c.receivedAt });
        continue;
      }
      await sleep(10 * (attempt + 1));
    }
    throw new AppError('CONFLICT', '上一次扫码还在处理中，请稍后在“我的签到”查看结果');
  }

  /** The time the scan happened: the device's, for an offline queue, within a bounded past. */
  private effectiveTime(clientTime: string | undefined, now: Date): Date {
    if (!clientTime) return now;
    const t = new Date(clientTime);
    const maxAge = LIMITS.offlineCheckinMaxAgeHours * 3600 * 1000;
    if (t.getTime() > now.getTime() + CLOCK_SKEW_MS || t.getTime() < now.getTime() - maxAge) {
      const message = `离线签到只能补交${LIMITS.offlineCheckinMaxAgeHours}小时内的记录，请在驿站重新扫码`;
      throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'clientTime', message, code: 'out_of_range' }] });
    }
    return t.getTime() > now.getTime() ? now : t;
  }

  private async verifyCode(code: string, at: Date, receivedAt: Date): Promise<{ station: StationEntity; method: CheckinEntity['method'] }> {
    const payload = parseQr(code);
    if (!payload) throw new AppError('QR_INVALID');
    if (payload.kind === 'ticket' || payload.kind === 'event-rotating') {
      throw new AppError('QR_INVALID', '这是活动的二维码，请在“活动”页面使用；驿站签到请扫描驿站的二维码');
    }
    const station = await this.stationCache.get(payload.id, () => this.stations.findOneBy({ id: payload.id }));
    // An unknown station and a forged signature get the same answer: nothing to probe.
    if (!station || !verifyQr(station.qrSecret, payload)) throw new AppError('QR_INVALID');
    if (payload.kind === 'station' || payload.kind === 'station-typed') {
      if (!station.allowPrinted) throw new AppError('QR_EXPIRED', '该驿站已停用纸质签到码，请扫描驿站屏幕上的二维码');
      return { station, method: 'printed' };
    }
    if (!station.allowRotating) throw new AppError('QR_INVALID', '该驿站未启用屏幕签到码，请扫描墙上的二维码');
    const current = rotationWindow(at);
    if (payload.window !== current && payload.window !== current - 1) throw new AppError('QR_EXPIRED');
    // The scan time is the device's word, which a screenshot can make up: the code's age is measured
    // on the server's clock, so an offline scan of a rotating code must arrive within minutes.
    const maxWindows = Math.ceil((LIMITS.rotatingCodeMaxAgeMinutes * 60) / QR_ROTATION_SECONDS);
    if (rotationWindow(receivedAt) - payload.window > maxWindows) {
      throw new AppError(
        'QR_EXPIRED',
        `屏幕签到码只在显示后${LIMITS.rotatingCodeMaxAgeMinutes}分钟内有效，离线扫码请尽快联网提交；请重新扫描驿站屏幕上的二维码`,
      );
    }
    return { station, method: 'rotating' };
  }

  private checkDistance(station: StationEntity, location: CheckinRequest['location']): number | null {
    if (station.radiusMetres === null) return null;
    if (!location) throw new AppError('LOCATION_REQUIRED');
    const d = distanceMetres(location, { latitude: Number(station.latitude), longitude: Number(station.longitude) });
    // A phone's fix is fuzzy indoors: allow its own stated accuracy, up to 100 m.
    const allowance = Math.min(location.accuracy ?? 0, 100);
    if (d > station.radiusMetres + allowance) {
      throw new AppError('TOO_FAR', `您距离驿站约 ${formatDistance(d)}，需在 ${station.radiusMetres} 米内才能签到，请到驿站现场后再扫码`, {
        distanceMetres: d,
        radiusMetres: station.radiusMetres,
      });
    }
    return d;
  }
}

/** What the worker sees after a scan. */
export function checkinMessage(o: CheckinOutcome): string {
  return o.duplicate ? `已于 ${chinaHHmm(o.checkin.checkedInAt)} 签到` : '签到成功';
}
