import Taro from '@tarojs/taro';
import type { Event } from '@xlx/shared';
import shareImage from '../assets/share/share.png';
import { chinaDayText } from '../pages/events/format';
import { routeUrl } from './api';
import { API_BASE } from './request';
import { mediaUrl } from './uploads';

/** What a WeChat share card shows and where it leads (path with the page's id). */
export interface ShareCard {
  title: string;
  path: string;
  imageUrl: string;
}

/** The bundled card image, for pages without a picture of their own. */
export const SHARE_IMAGE: string = shareImage;

/** An event's card: its title and day, back to its page; its cover when it has one, else the bundled image. */
export function eventShareCard(e: Pick<Event, 'id' | 'title' | 'startsAt'> & { cover?: Event['cover'] }): ShareCard {
  return { title: `${e.title}（${chinaDayText(e.startsAt)}）`, path: `/pages/event/index?id=${e.id}`, imageUrl: e.cover ? mediaUrl(e.cover.url) : SHARE_IMAGE };
}

/** A station's card: its name and 工会驿站, back to its page. */
export function stationShareCard(s: { id: number; name: string }): ShareCard {
  return { title: `${s.name} · 工会驿站`, path: `/pages/station/index?id=${s.id}`, imageUrl: SHARE_IMAGE };
}

/** The moments (朋友圈) card: no path, only the query the page opens with. */
export const timelineOf = (card: ShareCard) => ({ title: card.title, query: card.path.split('?')[1] ?? '', imageUrl: card.imageUrl });

/** The event page's link in a browser (what the poster's code holds too). */
export function eventPageUrl(id: number): string {
  const origin = process.env.TARO_APP_PUBLIC_URL || (typeof window !== 'undefined' ? window.location.origin : '');
  return `${origin.replace(/\/+$/, '')}/#/pages/event/index?id=${id}`;
}

/** Absolute URL of a public file the BFF serves for an event (calendar.ics, poster.svg). */
export const eventFileUrl = (id: number, file: 'calendar.ics' | 'poster.svg') =>
  `${API_BASE}/api/v1${file === 'calendar.ics' ? routeUrl('get /api/v1/events/:id/calendar.ics', { params: { id } }) : routeUrl('get /api/v1/events/:id/poster.svg', { params: { id } })}`;

/**
 * H5 分享: the system share sheet where the browser has one, else the link copied. Returns what
 * happened, for the page to say.
 */
export async function shareLinkH5(card: ShareCard, url: string): Promise<'shared' | 'copied' | 'cancelled'> {
  const nav = typeof navigator !== 'undefined' ? (navigator as Navigator & { share?: (d: { title: string; url: string }) => Promise<void> }) : null;
  if (nav?.share) {
    try {
      await nav.share({ title: card.title, url });
      return 'shared';
    } catch (e) {
      if ((e as { name?: string })?.name === 'AbortError') return 'cancelled';
    }
  }
  await Taro.setClipboardData({ data: url });
  return 'copied';
}
