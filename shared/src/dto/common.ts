import { z } from 'zod';

/** Entity ids are positive integers (auto-increment in the store). */
export const IdSchema = z.coerce.number().int().positive();
export type Id = z.infer<typeof IdSchema>;

export const IdParamSchema = z.object({ id: IdSchema });

/** ISO-8601 timestamps travel as strings. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

export const OkSchema = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof OkSchema>;
