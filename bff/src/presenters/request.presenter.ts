import type { z } from 'zod';
import type { RequestSchema } from '@xlx/shared';
import type { RequestView } from '../services/request.service';
import { iso } from './iso';

export function presentRequest(v: RequestView) {
  const r = v.request;
  return {
    id: r.id,
    category: r.category as z.infer<typeof RequestSchema>['category'],
    text: r.text,
    organisationId: r.organisationId,
    organisationName: v.organisationName,
    stationId: r.stationId,
    eventId: r.eventId,
    photoUrl: v.photoUrl,
    photoCheck: v.photoCheck,
    channel: r.channel,
    status: r.status,
    overdue: v.overdue,
    dueAt: iso(r.dueAt)!,
    createdAt: iso(r.createdAt)!,
    resolvedAt: iso(r.resolvedAt),
    rating: r.rating,
    assigneeName: v.assigneeName,
    reporterName: v.reporterName,
    replies: v.replies.map((x) => ({
      id: x.reply.id,
      fromOrganiser: Boolean(x.reply.fromOrganiser),
      author: x.author,
      text: x.reply.text,
      createdAt: iso(x.reply.createdAt)!,
    })),
  };
}
