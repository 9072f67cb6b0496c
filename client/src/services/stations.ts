import Taro from '@tarojs/taro';
import type { Amenity, Station, StationList } from '@xlx/shared';
import { call } from './api';
import { PRIVACY_REFUSED_LOCATION, isPrivacyRefusal } from './privacy';

const isWeapp = process.env.TARO_ENV === 'weapp';

export interface Here {
  latitude: number;
  longitude: number;
  accuracy?: number;
}

export interface StationFilters {
  here?: Here | null;
  amenities?: Amenity[];
  openNow?: boolean;
  open24h?: boolean;
  q?: string;
  limit?: number;
}

export const stationsService = {
  list(f: StationFilters = {}): Promise<StationList> {
    const q = f.q?.trim();
    return call('get /api/v1/stations', {
      query: {
        ...(f.here ? { lat: round6(f.here.latitude), lng: round6(f.here.longitude) } : {}),
        ...(f.amenities && f.amenities.length ? { amenities: f.amenities.join(',') } : {}),
        ...(f.openNow ? { openNow: 'true' as const } : {}),
        ...(f.open24h ? { open24h: 'true' as const } : {}),
        ...(q ? { q: q.slice(0, 30) } : {}),
        limit: f.limit ?? 50,
      },
    });
  },
  get(id: number, here?: Here | null): Promise<Station> {
    return call('get /api/v1/stations/:id', { params: { id }, query: here ? { lat: round6(here.latitude), lng: round6(here.longitude) } : {} });
  },
};

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

// ---- location ----

/** Why a location could not be had, in words a worker can act on. */
export class LocationError extends Error {
  /** The person refused permission (as opposed to no fix / no GPS). */
  readonly denied: boolean;
  constructor(message: string, denied: boolean) {
    super(message);
    this.name = 'LocationError';
    this.denied = denied;
  }
}

const LOCATION_TIMEOUT_MS = 8000;

/**
 * The phone's position in GCJ-02 (the coordinates WeChat maps and our stations use).
 * The mini-program asks WeChat for GCJ-02 directly; a browser only gives WGS-84, converted here.
 */
export async function getLocation(): Promise<Here> {
  try {
    if (isWeapp) {
      const r = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: LOCATION_TIMEOUT_MS });
      return { latitude: r.latitude, longitude: r.longitude, accuracy: r.accuracy };
    }
    const r = await withTimeout(Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: LOCATION_TIMEOUT_MS }), LOCATION_TIMEOUT_MS + 1000);
    const g = wgs84ToGcj02(r.latitude, r.longitude);
    return { latitude: g.latitude, longitude: g.longitude, accuracy: r.accuracy };
  } catch (e) {
    if (isPrivacyRefusal(e)) throw new LocationError(PRIVACY_REFUSED_LOCATION, false);
    const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? '');
    const denied = /auth|deny|denied|permission/i.test(msg);
    throw new LocationError(
      denied
        ? isWeapp
          ? '没有位置权限：请点右上角「···」→「设置」，允许使用位置信息后再试'
          : '没有位置权限：请在浏览器设置中允许本网站获取位置后再试'
        : '暂时无法获取位置，请打开手机定位（GPS）后再试',
      denied,
    );
  }
}

let herePromise: Promise<Here | null> | null = null;

/**
 * The position for sorting stations: asked once per app session (a refused or failed attempt
 * is remembered too, so the worker is not asked again and again); `retry` asks anew.
 */
export function getHereOnce(retry = false): Promise<Here | null> {
  if (!herePromise || retry) {
    herePromise = getLocation().catch(() => null);
  }
  return herePromise;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** WGS-84 to GCJ-02 (the standard published approximation; identity outside China). */
export function wgs84ToGcj02(lat: number, lng: number): { latitude: number; longitude: number } {
  if (lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271) return { latitude: lat, longitude: lng };
  const a = 6378245.0;
  const ee = 0.006693421622965943;
  const x = lng - 105.0;
  const y = lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLng += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLng += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLng += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - ee * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { latitude: lat + dLat, longitude: lng + dLng };
}

/**
 * Opens navigation to a place: WeChat's map on the mini-program (GCJ-02), the AMap web page in
 * a browser (AMap also uses GCJ-02 and hands over to its app when installed).
 */
export async function openMap(p: { latitude: number; longitude: number; name: string; address: string }): Promise<void> {
  if (isWeapp) {
    try {
      await Taro.openLocation({ latitude: p.latitude, longitude: p.longitude, name: p.name, address: p.address, scale: 17 });
    } catch {
      await Taro.showToast({ title: '无法打开地图，请稍后再试', icon: 'none' });
    }
    return;
  }
  const url = `https://uri.amap.com/marker?position=${p.longitude},${p.latitude}&name=${encodeURIComponent(p.name)}&src=xinlianxin&coordinate=gaode&callnative=1`;
  window.open(url, '_blank');
}
