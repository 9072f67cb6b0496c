import { REQUEST_STATUS_LABELS, type WorkerRequest } from '@xlx/shared';
import type { Tone } from '@/ui/Badge';
import { chinaDateTimeText } from '@/lib/format';

const STATUS_TONES: Record<WorkerRequest['status'], Tone> = { submitted: 'blue', in_progress: 'amber', resolved: 'green', closed: 'grey' };

/** 已提交 / 处理中 / 已解决 / 已关闭, coloured. */
export function requestStatusView(r: Pick<WorkerRequest, 'status'>): { tone: Tone; text: string } {
  return { tone: STATUS_TONES[r.status], text: REQUEST_STATUS_LABELS[r.status] };
}

/** When the union owes an answer, or when it was resolved. */
export function requestDueText(r: Pick<WorkerRequest, 'status' | 'overdue' | 'dueAt' | 'resolvedAt'>): string {
  if (r.resolvedAt && r.status === 'resolved') return `${chinaDateTimeText(r.resolvedAt)} 已解决`;
  if (r.status === 'closed') return '已关闭';
  if (r.overdue) return `已超过答复期限（${chinaDateTimeText(r.dueAt)}），工会正在加紧处理`;
  return `工会将在 ${chinaDateTimeText(r.dueAt)} 前答复`;
}

/** Resolved and waiting for my 满意/不满意. */
export function awaitsRating(r: Pick<WorkerRequest, 'status' | 'rating'>): boolean {
  return r.status === 'resolved' && r.rating === null;
}
