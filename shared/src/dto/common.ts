import * as z from 'zod/mini';

/** The largest id the store holds (a signed 32-bit `int` column on MySQL). */
export const ID_MAX = 2 ** 31 - 1;

/** Entity ids are positive integers (auto-increment in the store), as path or query parameters. */
export const IdSchema = z.coerce.number().check(z.int(), z.positive(), z.lte(ID_MAX, { message: '编号不存在' }));
export type Id = z.infer<typeof IdSchema>;

/** An id sent in a JSON body: a number the store can hold. */
export const RefIdSchema = z.int().check(z.positive(), z.lte(ID_MAX, { message: '编号不存在' }));

export const IdParamSchema = z.object({ id: IdSchema });

/** An organiser's lists narrowed to one organisation of their subtree (`?organisationId=`). */
export const OrgFilterQuerySchema = z.strictObject({ organisationId: z.optional(IdSchema) });

/** Earliest and latest instants a `datetime` column keeps on both stores (MySQL stops at 9999-12-31). */
export const DATETIME_MIN_MS = Date.UTC(2000, 0, 1);
export const DATETIME_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An ISO-8601 timestamp with its offset, within what the store can hold. */
export function isoDateTime(message = '时间格式不正确') {
  return z.iso.datetime({ offset: true, message }).check(
    z.refine(
      (v) => {
        const t = Date.parse(v);
        return t >= DATETIME_MIN_MS && t <= DATETIME_MAX_MS;
      },
      { message: '时间须在2000年至9999年之间' },
    ),
  );
}

/** ISO-8601 timestamps travel as strings. */
export const IsoDateTimeSchema = isoDateTime();

/** A real calendar day 'YYYY-MM-DD' (no 2026-02-30, no month 13, no year 0000). */
export const CalendarDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' }),
  z.refine(
    (v) => {
      const t = Date.parse(`${v}T00:00:00Z`);
      return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === v && t >= DATETIME_MIN_MS && t <= DATETIME_MAX_MS;
    },
    { message: '日期不存在，请检查年月日' },
  ),
);

/** A single line of text a person typed (names): no NUL, line breaks or other control characters. */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex -- they are what it finds
/** `z.refine(...singleLine('名字'))`: refuses control characters with a message naming the field. */
export const singleLine = (field: string) => [(s: string) => !CONTROL_CHARS.test(s), { message: `${field}不能包含换行或控制字符` }] as const;

export const OkSchema = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof OkSchema>;
