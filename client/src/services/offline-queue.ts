import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { LIMITS, type CheckinRequest } from '@xlx/shared';
import { checkinsService } from './checkins';
import { isApiError } from './request';
import { getToken } from './token';
import { color } from '../styles/tokens';

/**
 * Check-ins scanned without network, kept on the device and sent when it returns. Each keeps
 * its clientRequestId, so a send whose answer is lost and is sent again makes one visit only,
 * and its clientTime, so the visit is dated when the worker was at the station.
 */
const STORAGE_KEY = 'xlx.offline-checkins';
/** The server refuses queued check-ins older than this; a minute's margin for the send itself. */
const MAX_AGE_MS = LIMITS.offlineCheckinMaxAgeHours * 3600 * 1000 - 60 * 1000;

export interface QueuedCheckin {
  code: string;
  clientRequestId: string;
  /** ISO time of the scan. */
  clientTime: string;
  location?: CheckinRequest['location'];
}

export interface FlushReport {
  sent: number;
  /** Answered by the server with a refusal (and dropped). */
  refused: number;
  /** Too old to send (and dropped). */
  expired: number;
  /** Still waiting (no network, or not signed in). */
  pending: number;
}

const listeners = new Set<(n: number) => void>();

function isQueued(v: unknown): v is QueuedCheckin {
  const o = v as QueuedCheckin;
  return !!o && typeof o.code === 'string' && typeof o.clientRequestId === 'string' && typeof o.clientTime === 'string';
}

function read(): QueuedCheckin[] {
  try {
    const raw: unknown = Taro.getStorageSync(STORAGE_KEY);
    return Array.isArray(raw) ? raw.filter(isQueued) : [];
  } catch {
    return [];
  }
}

function write(items: QueuedCheckin[]): void {
  try {
    if (items.length) Taro.setStorageSync(STORAGE_KEY, items);
    else Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // Storage full or unavailable: nothing better to do than keep going.
  }
  listeners.forEach((fn) => fn(items.length));
}

/** Removes by id, re-reading storage so that a check-in queued meanwhile is not lost. */
function remove(ids: Set<string>): void {
  if (ids.size) write(read().filter((i) => !ids.has(i.clientRequestId)));
}

export function pendingCount(): number {
  return read().length;
}

/** Keeps a check-in that could not be sent; the same clientRequestId is used when it is. */
export function enqueue(item: QueuedCheckin): void {
  const items = read().filter((i) => i.clientRequestId !== item.clientRequestId);
  items.push(item);
  write(items);
}

/** A transient failure: the item stays for the next attempt. */
function isTransient(e: unknown): boolean {
  if (!isApiError(e)) return true;
  return e.code === 'NETWORK' || e.status === 401 || e.status === 429 || e.status >= 500;
}

let inFlight: Promise<FlushReport> | null = null;

/**
 * Sends the queue in order, each item once per flush. A server answer (accepted or refused)
 * removes the item; no network keeps it and the rest for next time. Items older than the
 * server accepts are dropped with a notice.
 */
export function flush(): Promise<FlushReport> {
  if (!inFlight) {
    inFlight = doFlush().finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}

async function doFlush(): Promise<FlushReport> {
  const report: FlushReport = { sent: 0, refused: 0, expired: 0, pending: 0 };
  const all = read();
  if (all.length === 0) return report;

  const now = Date.now();
  const expired = all.filter((i) => !(now - Date.parse(i.clientTime) < MAX_AGE_MS));
  report.expired = expired.length;
  remove(new Set(expired.map((i) => i.clientRequestId)));
  const items = all.filter((i) => !expired.includes(i));

  const refusals: string[] = [];
  if (items.length && getToken()) {
    for (const item of items) {
      try {
        await checkinsService.checkIn({
          code: item.code,
          clientRequestId: item.clientRequestId,
          clientTime: item.clientTime,
          ...(item.location ? { location: item.location } : {}),
        });
        report.sent++;
      } catch (e) {
        if (isTransient(e)) break;
        report.refused++;
        if (isApiError(e) && !refusals.includes(e.message)) refusals.push(e.message);
      }
      remove(new Set([item.clientRequestId]));
    }
  }
  report.pending = pendingCount();

  if (report.expired || report.refused) {
    const lines: string[] = [];
    if (report.expired) lines.push(`${report.expired} 条离线签到已超过${LIMITS.offlineCheckinMaxAgeHours}小时，无法补交。`);
    if (report.refused) lines.push(`${report.refused} 条离线签到未被接受：${refusals.join('；')}`);
    if (report.sent) lines.push(`另有 ${report.sent} 条已补交成功。`);
    lines.push('如需记录，请到驿站重新扫码签到。');
    void Taro.showModal({ title: '部分签到未能补交', content: lines.join('\n'), showCancel: false, confirmText: '知道了', confirmColor: color.primary }).catch(
      () => undefined,
    );
  } else if (report.sent) {
    void Taro.showToast({ title: `已补交 ${report.sent} 条离线签到`, icon: 'none', duration: 2500 }).catch(() => undefined);
  }
  return report;
}

let started = false;

/** Flushes whenever the network comes back; call once at launch. */
export function startOfflineQueue(): void {
  if (started) return;
  started = true;
  const onOnline = () => {
    void flush();
  };
  if (process.env.TARO_ENV === 'h5') {
    if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
  } else {
    try {
      Taro.onNetworkStatusChange((res) => {
        if (res.isConnected) onOnline();
      });
    } catch {
      // Not available on this platform: app show and the home page still flush.
    }
  }
}

/** The number of check-ins waiting, as React state (the home page banner). */
export function usePendingCount(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    setN(pendingCount());
    listeners.add(setN);
    return () => {
      listeners.delete(setN);
    };
  }, []);
  return n;
}
