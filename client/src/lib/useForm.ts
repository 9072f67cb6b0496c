import { useState } from 'react';
import { issuesByField, toFieldIssues } from '@xlx/shared';
import type * as z from 'zod/mini';
import { isApiError } from '@/services/request';
import { scrollToFirstError, showActionError, toast } from '@/ui/toast';

/**
 * Runs `fn` unless a run is still going (`running`), marked running meanwhile: true when it went
 * through, false when another ran or it failed (after `onError` dealt with the failure).
 */
export function runGuarded(
  running: boolean,
  mark: (on: boolean) => void,
  fn: () => Promise<void>,
  onError: (e: unknown) => Promise<void> | void,
): Promise<boolean> {
  if (running) return Promise.resolve(false);
  mark(true);
  return fn()
    .then(
      () => true,
      (e: unknown) => Promise.resolve(onError(e)).then(() => false),
    )
    .finally(() => mark(false));
}

export interface FormOptions {
  /** The fields the form shows (first part of a path); server messages for others go to formError. */
  fields: readonly string[];
  /** Rewrites messages (friendlier words, a message moved to the field that is shown). */
  friendly?: (byField: Record<string, string>) => Record<string, string>;
  /** What a save with red fields says (a toast, and formError when the server named only shown fields). */
  fixText?: string;
}

/**
 * The one form hook: values, red messages keyed by field path, a message for the whole form, and
 * the saving flag. `check` validates with the shared zod schema; `run` saves and puts the BFF's
 * VALIDATION_FAILED issues (each names its field) under their fields.
 */
export function useForm<V extends object>(initial: V | (() => V), options: FormOptions) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const friendly = options.friendly ?? ((b: Record<string, string>) => b);
  const fixText = options.fixText ?? '请按红字提示修改后再保存';

  /** Forgets the messages of a field and of the paths below it. */
  const clear = (...fields: string[]) =>
    setErrors((e) => {
      const hit = Object.keys(e).filter((k) => fields.some((f) => k === f || k.startsWith(`${f}.`)));
      if (!hit.length) return e;
      const next = { ...e };
      hit.forEach((k) => delete next[k]);
      return next;
    });

  /** Sets one value and forgets its message (or those of `errorKeys`). */
  const update = <K extends keyof V>(key: K, value: V[K], ...errorKeys: string[]) => {
    setValues((v) => ({ ...v, [key]: value }));
    clear(...(errorKeys.length ? errorKeys : [String(key)]));
  };

  /** The parsed input, or null after showing what to fix. */
  const check = <T>(schema: z.ZodMiniType<T>, input: unknown): T | null => {
    setFormError('');
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setErrors(friendly(issuesByField(toFieldIssues(parsed.error))));
      toast(fixText);
      scrollToFirstError();
      return null;
    }
    setErrors({});
    return parsed.data;
  };

  /** Runs a save once at a time; true when it went through. */
  const run = (save: () => Promise<void>, failText = '保存失败，请稍后重试'): Promise<boolean> =>
    runGuarded(submitting, setSubmitting, save, (e) => {
      const api = isApiError(e) ? e : null;
      if (api && api.code === 'VALIDATION_FAILED' && api.issues.length) {
        const byField = friendly(api.fieldErrors);
        setErrors(byField);
        scrollToFirstError();
        const other = Object.keys(byField).filter((k) => !options.fields.includes(k.split('.')[0]));
        setFormError(other.length ? other.map((k) => byField[k]).join('；') : fixText);
      } else if (api && [401, 403, 404].includes(api.status)) {
        return showActionError(e, '保存失败');
      } else {
        setFormError(api ? api.message : failText);
      }
    });

  return { values, setValues, update, errors, setErrors, clear, formError, setFormError, submitting, check, run };
}
