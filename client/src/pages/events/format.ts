import { GENDER_LABELS, OCCUPATION_LABELS, chinaHHmm, type Event, type Registration } from '@xlx/shared';
import type { Tone } from '@/ui/Badge';
// services/share.ts (owned by the contracts work) still imports the day formatter from here.
export { chinaDayText } from '@/lib/format';

/** Who may register, in plain words. */
export function eligibilityText(e: Event['eligibility']): string[] {
  const parts: string[] = [];
  if (e.genders.length === 1) parts.push(`仅限${GENDER_LABELS[e.genders[0]]}性`);
  if (e.minAge !== null && e.maxAge !== null) parts.push(`${e.minAge}-${e.maxAge}周岁`);
  else if (e.minAge !== null) parts.push(`年满${e.minAge}周岁`);
  else if (e.maxAge !== null) parts.push(`${e.maxAge}周岁以下`);
  if (e.occupations.length) parts.push(`面向${e.occupations.map((o) => OCCUPATION_LABELS[o]).join('、')}`);
  if (e.membersOnly) parts.push('仅限工会会员');
  return parts;
}

/** "剩余 3 个名额", "名额已满 · 候补 2 人", "名额已满". */
export function seatsText(e: Pick<Event, 'seatsLeft' | 'capacity' | 'waitlist' | 'waitlistCount'>): string {
  if (e.seatsLeft > 0) return `剩余 ${e.seatsLeft}/${e.capacity} 个名额`;
  if (e.waitlist) return `名额已满 · 候补 ${e.waitlistCount} 人`;
  return '名额已满';
}

export interface StatusView {
  tone: Tone;
  text: string;
}

/** My registration's badge: 已报名, 候补中 第N位, 已取消, 已签到 HH:mm, 已结业. */
export function registrationStatusView(
  r: Pick<Registration, 'status' | 'waitlistPosition' | 'checkedInAt' | 'completed'> & { event: Pick<Registration['event'], 'certificateName' | 'status'> },
): StatusView {
  if (r.status === 'cancelled') return { tone: 'grey', text: '已取消' };
  if (r.status === 'waitlisted') return { tone: 'amber', text: r.waitlistPosition ? `候补中 · 第${r.waitlistPosition}位` : '候补中' };
  if (r.event.status === 'cancelled') return { tone: 'grey', text: '活动已取消' };
  if (r.completed && r.event.certificateName) return { tone: 'blue', text: `已结业 · ${r.event.certificateName}` };
  if (r.completed) return { tone: 'blue', text: '已结业' };
  if (r.checkedInAt) return { tone: 'blue', text: `已签到 ${chinaHHmm(r.checkedInAt)}` };
  return { tone: 'green', text: '已报名' };
}

/** The short badge an event card shows for my registration (the list has no waitlist position). */
export function myEventBadge(e: Event): StatusView | null {
  const reg = e.me?.registration;
  if (!reg) return null;
  if (reg.status === 'confirmed') return { tone: 'green', text: '已报名' };
  if (reg.status === 'waitlisted') return { tone: 'amber', text: '候补中' };
  return { tone: 'grey', text: '已取消' };
}

export type RegistrationWindow = 'not_open' | 'open' | 'closed';

export function registrationWindow(e: Pick<Event, 'registrationOpensAt' | 'registrationClosesAt'>, now = Date.now()): RegistrationWindow {
  if (now < Date.parse(e.registrationOpensAt)) return 'not_open';
  if (now >= Date.parse(e.registrationClosesAt)) return 'closed';
  return 'open';
}
