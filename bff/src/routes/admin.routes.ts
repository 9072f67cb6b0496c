import { adminContracts as C } from '@xlx/shared';
import type { Repository } from 'typeorm';
import type { ApiRouter } from '../lib/api-router';
import type { AuditLogEntity, UserEntity } from '../entities';
import { In } from 'typeorm';

/** Admins read who read or exported personal data. */
export function adminRoutes(api: ApiRouter, audit: Repository<AuditLogEntity>, users: Repository<UserEntity>): void {
  api.route(C.auditLog, async (_ctx, { query: q }) => {
    const qb = audit.createQueryBuilder('a').orderBy('a.id', 'DESC').take(q.limit);
    if (q.before) qb.where('a.id < :before', { before: q.before });
    const rows = await qb.getMany();
    const names = new Map(
      (rows.length ? await users.find({ where: { id: In([...new Set(rows.map((r) => r.actorId))]) }, select: { id: true, nickname: true } }) : []).map((u) => [
        u.id,
        u.nickname ?? `用户${u.id}`,
      ]),
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
  });
}
