import type { WorkerRequest } from '@xlx/shared';
import Badge from '@/ui/Badge';

/** Organisers read "submitted" as work waiting for them. */
const STATUS: Record<WorkerRequest['status'], { label: string; tone: 'amber' | 'blue' | 'green' | 'grey' }> = {
  submitted: { label: '待处理', tone: 'amber' },
  in_progress: { label: '处理中', tone: 'blue' },
  resolved: { label: '已解决', tone: 'green' },
  closed: { label: '已关闭', tone: 'grey' },
};

export function RequestStatusBadge({ status, id }: { status: WorkerRequest['status']; id?: string }) {
  return (
    <Badge tone={STATUS[status].tone} id={id}>
      {STATUS[status].label}
    </Badge>
  );
}

/** 线上 (filed in the mini-program) or 现场 (recorded by an organiser). */
export function ChannelBadge({ channel }: { channel: WorkerRequest['channel'] }) {
  return channel === 'online' ? <Badge tone='blue'>线上</Badge> : <Badge tone='grey'>现场</Badge>;
}
