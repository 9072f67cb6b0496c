import { z } from 'zod';
import { IdSchema } from '@xlx/shared';
import type { Repository } from 'typeorm';
import type { ApiRouter } from '../lib/api-router';
import type { AuditLogEntity, UserEntity } from '../entities';
import { In } from 'typeorm';

const AuditQuerySchema = z.object({ before: IdSchema.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
const AuditListSchema = z.object({
  items: z.array(z.object({ id: z.number().int(), actorId: z.number().int(), actorName: z.string(), action: z.string(), target: z.string(), at: z.string() })),
});

/** Admins read who read or exported personal data. */
export function adminRoutes(api: ApiRouter, audit: Repository<AuditLogEntity>, users: Repository<UserEntity>): void {
  api.route(
    {
      method: 'get',
      path: '/api/v1/admin/audit-log',
      tag: 'admin',
      access: 'admin',
      query: AuditQuerySchema,
      response: AuditListSchema,
      summary: "Organisers' reads and exports of personal data, newest first",
    },
    async (_ctx, { query: q }) => {
      const qb = audit.createQueryBuilder('a').orderBy('a.id', 'DESC').take(q.limit);
      if (q.before) qb.where('a.id < :before', { before: q.before });
      const rows = await qb.getMany();
      const names = new Map(
        (rows.length ? await users.find({ where: { id: In([...new Set(rows.map((r) => r.actorId))]) }, select: { id: true, nickname: true } }) : []).map(
          (u) => [u.id, u.nickname ?? `用户${u.id}`],
        ),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          actorId: r.actorId,
          actorName: names.get(r.actorId) ?? '已注销',
          action: r.action,
          target: r.target,
          at: r.createdAt.toISOString(),
        })),
      };
    },
  );
}
