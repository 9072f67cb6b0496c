import { MESSAGE_KINDS, type MessageKind } from '@xlx/shared';

/** Values each message kind provides, by name; a template's fields each take one of them. */
export const KIND_VALUES: Record<MessageKind, readonly string[]> = {
  reminder: ['event', 'startsAt', 'venue', 'note'],
  promoted: ['event', 'startsAt', 'venue', 'status', 'note'],
  event_changed: ['event', 'startsAt', 'venue', 'status', 'reason'],
  request_reply: ['request', 'reply', 'repliedAt', 'status'],
  request_resolved: ['request', 'status', 'resolvedAt', 'note'],
  membership_decision: ['organisation', 'result', 'reason', 'decidedAt'],
  match_revealed: ['event', 'matches', 'note'],
};

/** WeChat's field kinds and the longest value each takes (订阅消息参数值内容限制). */
const FIELD_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
  amount: 11,
  time: 40,
  date: 40,
};
const FIELD_KEY = /^([a-z_]+?)(\d+)$/;

export interface MessageTemplate {
  id: string;
  /** WeChat field key (thing1, time2, …) -> one of the kind's value names. */
  fields: Record<string, string>;
}
export type TemplateMap = Partial<Record<MessageKind, MessageTemplate>>;

/**
 * Parses WECHAT_SUBSCRIBE_TEMPLATES: `{"promoted":{"id":"…","fields":{"thing1":"event","time2":"startsAt"}}, …}`.
 * Returns the problems found, each naming the kind and field, so start-up can refuse a bad value.
 */
export function parseTemplates(raw: string | undefined): { templates: TemplateMap; problems: string[] } {
  if (!raw) return { templates: {}, problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { templates: {}, problems: ['is not valid JSON'] };
  }
  const problems: string[] = [];
  const templates: TemplateMap = {};
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { templates, problems: ['must be a JSON object of message kinds'] };
  for (const [kind, t] of Object.entries(json as Record<string, unknown>)) {
    if (!(MESSAGE_KINDS as readonly string[]).includes(kind)) {
      problems.push(`has unknown message kind "${kind}" (known: ${MESSAGE_KINDS.join(', ')})`);
      continue;
    }
    const tmpl = t as { id?: unknown; fields?: unknown };
    if (typeof tmpl?.id !== 'string' || !/^[\w-]{1,64}$/.test(tmpl.id)) {
      problems.push(`${kind}.id must be the template id from the WeChat console`);
      continue;
    }
    if (!tmpl.fields || typeof tmpl.fields !== 'object' || Object.keys(tmpl.fields).length === 0) {
      problems.push(`${kind}.fields must map the template's fields (thing1, time2, …) to values`);
      continue;
    }
    const allowed = KIND_VALUES[kind as MessageKind];
    for (const [key, value] of Object.entries(tmpl.fields as Record<string, unknown>)) {
      const m = FIELD_KEY.exec(key);
      if (!m || !(m[1] in FIELD_LIMITS)) problems.push(`${kind}.fields.${key} is not a WeChat field (thing1, time2, phrase3, …)`);
      if (typeof value !== 'string' || !allowed.includes(value)) problems.push(`${kind}.fields.${key} must be one of ${allowed.join(', ')}`);
    }
    templates[kind as MessageKind] = { id: tmpl.id, fields: tmpl.fields as Record<string, string> };
  }
  return { templates, problems };
}

const chinaTime = (iso: string): string => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};

/** Cuts a value to its field kind's limit, so WeChat does not refuse the message (47003). */
export function fieldValue(fieldKey: string, value: string): string {
  const kind = FIELD_KEY.exec(fieldKey)?.[1] ?? 'thing';
  const chars = (s: string) => Array.from(s);
  if (kind === 'time' || kind === 'date') return /^\d{4}-\d\d-\d\dT/.test(value) ? chinaTime(value) : value;
  if (kind === 'phrase')
    return (
      chars(value.replace(/[^\u4e00-\u9fff]/g, ''))
        .slice(0, 5)
        .join('') || '通知'
    );
  const limit = FIELD_LIMITS[kind] ?? 20;
  const c = chars(value.replace(/[\r\n\t]+/g, ' ').trim());
  if (c.length <= limit) return c.join('');
  return kind === 'thing' ? `${c.slice(0, limit - 1).join('')}…` : c.slice(0, limit).join('');
}

/** The `data` of subscribe/send for a message. */
export function templateData(t: MessageTemplate, values: Record<string, string>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [key, name] of Object.entries(t.fields)) data[key] = { value: fieldValue(key, values[name] ?? '') || '-' };
  return data;
}
