import { eventKindLabel, type Event } from '@xlx/shared';
import Badge from '@/ui/Badge';

/** 草稿 / 报名中 / 进行中 / 已结束 / 已取消 for an organiser's event (`quiet`: only 草稿 and 已取消, an event that is not out). */
export function EventStatusBadge({ event, id, quiet = false }: { event: Event; id?: string; quiet?: boolean }) {
  if (event.status === 'draft')
    return (
      <Badge tone='grey' id={id}>
        草稿
      </Badge>
    );
  if (event.status === 'cancelled')
    return (
      <Badge tone='red' id={id}>
        已取消
      </Badge>
    );
  if (quiet) return null;
  const now = Date.now();
  if (Date.parse(event.endsAt) <= now)
    return (
      <Badge tone='grey' id={id}>
        已结束
      </Badge>
    );
  if (Date.parse(event.startsAt) <= now)
    return (
      <Badge tone='blue' id={id}>
        进行中
      </Badge>
    );
  return (
    <Badge tone='green' id={id}>
      已发布
    </Badge>
  );
}

/** What kind of event and whose: 培训 · 上虞区总工会. */
export const kindAndOrg = (e: Event): string => `${eventKindLabel(e)} · ${e.organisationName}`;
