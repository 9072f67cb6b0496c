import * as z from 'zod/mini';
import { contract } from '../contract';
import { IdSchema } from '../dto/common';

export const AuditQuerySchema = z.strictObject({ before: z.optional(IdSchema), limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50) });

export const AuditListSchema = z.object({
  items: z.array(z.object({ id: z.int(), actorId: z.int(), actorName: z.string(), action: z.string(), target: z.string(), at: z.string() })),
});

/** What only admins read. */
export const adminContracts = {
  auditLog: contract({
    method: 'get',
    path: '/api/v1/admin/audit-log',
    tag: 'admin',
    access: 'admin',
    query: AuditQuerySchema,
    response: AuditListSchema,
    summary: "Organisers' reads and exports of personal data, newest first",
  }),
};
