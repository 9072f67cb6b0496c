import { z } from 'zod';
import { contract } from '../contract';
import { IdSchema } from '../dto/common';

export const AuditQuerySchema = z.object({ before: IdSchema.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

export const AuditListSchema = z.object({
  items: z.array(z.object({ id: z.number().int(), actorId: z.number().int(), actorName: z.string(), action: z.string(), target: z.string(), at: z.string() })),
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
