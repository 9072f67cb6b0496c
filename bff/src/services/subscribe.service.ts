import type { DataSource } from 'typeorm';
import { ASK_KINDS, SUBSCRIBE_ASKS, type SubscribeAsk, type SubscribeTemplates } from '@xlx/shared';
import type { TemplateMap } from './subscribe-templates';

/** Most one-time grants kept per person and template (WeChat keeps its own count; this bounds ours). */
const GRANT_MAX = 50;

/** Subscription grants (订阅消息): which templates the client asks for, and what people accepted. */
export class SubscribeService {
  private readonly mysql: boolean;
  private readonly known: Set<string>;

  constructor(
    private readonly ds: DataSource,
    private readonly templates: TemplateMap,
  ) {
    this.mysql = ds.options.type === 'mysql' || ds.options.type === 'mariadb';
    this.known = new Set(Object.values(templates).map((t) => t.id));
  }

  /** Template ids per ask, configured ones only (at most three each). */
  asks(): SubscribeTemplates {
    const asks = {} as Record<SubscribeAsk, string[]>;
    for (const ask of SUBSCRIBE_ASKS) {
      const ids = ASK_KINDS[ask].map((k) => this.templates[k]?.id).filter((id): id is string => Boolean(id));
      asks[ask] = [...new Set(ids)].slice(0, 3);
    }
    return { asks };
  }

  /** One more one-time grant per accepted template; ids that are not ours are ignored. Returns how many counted. */
  async recordAccepted(userId: number, templateIds: string[]): Promise<number> {
    const ids = [...new Set(templateIds)].filter((id) => this.known.has(id));
    for (const id of ids) {
      const sql = this.mysql
        ? 'INSERT INTO subscribe_grant (userId, templateId, count) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE count = LEAST(count + 1, ?)'
        : 'INSERT INTO subscribe_grant (userId, templateId, count) VALUES (?, ?, 1) ON CONFLICT(userId, templateId) DO UPDATE SET count = MIN(count + 1, ?)';
      await this.ds.query(sql, [userId, id, GRANT_MAX]);
    }
    return ids.length;
  }
}
