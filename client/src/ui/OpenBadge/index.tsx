import type { Station } from '@xlx/shared';
import Badge from '@/ui/Badge';

type Hours = Pick<Station, 'open24h' | 'opensAt' | 'closesAt'>;

/** "24小时开放" or "08:00-20:00". */
export function hoursText(s: Hours): string {
  if (s.open24h) return '24小时开放';
  if (s.opensAt && s.closesAt) return `${s.opensAt}-${s.closesAt}`;
  return '开放时间未登记';
}

/** 24小时 / 营业中 / 已休息, coloured so that it reads at a glance. */
export default function OpenBadge({ station, id }: { station: Hours & Pick<Station, 'openNow'>; id?: string }) {
  return (
    <Badge look='pill' tone={station.open24h || station.openNow ? 'green' : 'grey'} id={id}>
      {station.open24h ? '24小时' : station.openNow ? '营业中' : '已休息'}
    </Badge>
  );
}
