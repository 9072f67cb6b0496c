import * as z from 'zod/mini';
import type { FieldIssue } from './errors';

// Chinese default messages for both sides; schemas override them where a hint helps more.
z.config(z.locales.zhCN());

/**
 * Flattens a zod error into one issue per failing field. Unknown keys are split so that
 * each extra field is named on its own.
 */
export function toFieldIssues(error: z.core.$ZodError): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: [...base, key].join('.'), message: `不支持的字段“${key}”，请删除后再提交`, code: issue.code });
      }
      continue;
    }
    out.push({ path: base.join('.'), message: issue.message, code: issue.code });
  }
  return out;
}

/** Issues keyed by field path, first message wins: what a form shows under each input. */
export function issuesByField(issues: FieldIssue[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const i of issues) if (!(i.path in map)) map[i.path] = i.message;
  return map;
}
