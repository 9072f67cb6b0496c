import { randomBytes } from 'node:crypto';
import { In, LessThan, type DataSource } from 'typeorm';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { MessageKind } from '@xlx/shared';
import type { Clock } from '../adapters/clock';
import { WechatApiError, type WechatClient } from '../adapters/wechat';
import { OutboxEntity, RegistrationEntity, SubscribeGrantEntity, UserEntity } from '../entities';
import { sqlDateParam } from '../lib/sql';
import { templateData, type TemplateMap } from './subscribe-templates';

/** Attempts before a row is given up as dead. */
export const MAX_ATTEMPTS = 5;
const CLAIM_MS = 60_000;
const BATCH = 20;
/** Errors that a retry will not cure: the row is dead at once. */
const PERMANENT = new Set([40003, 40037, 41028, 41029, 41030, 47003]);

type Outcome = 'sent' | 'refused' | 'failed' | 'dead';

/**
 * Sends the outbox: every BFF process runs one. A row is claimed by a conditional UPDATE, so no
 * two processes send it; the person's grant is used by a conditional UPDATE (count > 0);
 * WeChat's 43101 (no grant) drops the row; other failures retry with backoff, then the row is dead.
 */
export class MessageSender {
  private readonly owner = randomBytes(8).toString('hex');
  private readonly date: (d: Date) => Date | string;
  private readonly counter: Counter<'template' | 'outcome'>;
  private readonly backlogGauge: Gauge;
  private draining: Promise<number> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly wechat: WechatClient,
    private readonly templates: TemplateMap,
    private readonly clock: Clock,
    private readonly opts: { miniprogramState: 'developer' | 'trial' | 'formal' },
  ) {
    this.date = sqlDateParam(ds);
    this.counter = new Counter({
      name: 'wechat_messages_total',
      help: 'Subscription messages by template and outcome (sent, refused, failed, dead)',
      labelNames: ['template', 'outcome'],
      registers: [],
    });
    const outbox = ds.getRepository(OutboxEntity);
    this.backlogGauge = new Gauge({
      name: 'wechat_outbox_backlog',
      help: 'Subscription messages waiting to be sent',
      registers: [],
      async collect() {
        this.set(await outbox.countBy({ status: In(['pending', 'sending']) }));
      },
    });
  }

  registerMetrics(registry: Registry): void {
    registry.registerMetric(this.counter);
    registry.registerMetric(this.backlogGauge);
  }

  /** Sends every row due now; concurrent calls in one process share one pass. Returns rows handled. */
  drain(): Promise<number> {
    this.draining ??= this.pass().finally(() => (this.draining = null));
    return this.draining;
  }

  private async pass(): Promise<number> {
    let handled = 0;
    for (;;) {
      const now = this.clock.now();
      const due = await this.ds
        .getRepository(OutboxEntity)
        .createQueryBuilder('o')
        .select(['o.id'])
        .where("(o.status = 'pending' AND o.nextAttemptAt <= :now) OR (o.status = 'sending' AND o.claimedUntil < :now)", { now: this.date(now) })
        .orderBy('o.id', 'ASC')
        .limit(BATCH)
        .getMany();
      if (due.length === 0) return handled;
      let claimedAny = false;
      for (const { id } of due) {
        if (!(await this.claim(id, now))) continue;
        claimedAny = true;
        handled += 1;
        await this.sendOne(id);
      }
      if (!claimedAny) return handled;
    }
  }

  private async claim(id: number, now: Date): Promise<boolean> {
    const r = await this.ds
      .createQueryBuilder()
      .update(OutboxEntity)
      .set({ status: 'sending', claimedBy: this.owner, claimedUntil: () => ':until', attempts: () => 'attempts + 1' })
      .where("id = :id AND ((status = 'pending' AND nextAttemptAt <= :now) OR (status = 'sending' AND claimedUntil < :now))", {
        id,
        now: this.date(now),
        until: this.date(new Date(now.getTime() + CLAIM_MS)),
      })
      .execute();
    return r.affected === 1;
  }

  /** Only the claim's holder may finish the row. */
  private async finish(id: number, changes: Partial<OutboxEntity>): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(OutboxEntity)
      .set({ ...changes, claimedBy: null, claimedUntil: null })
      .where('id = :id AND claimedBy = :owner', { id, owner: this.owner })
      .execute();
  }

  private async sendOne(id: number): Promise<void> {
    const row = await this.ds.getRepository(OutboxEntity).findOneByOrFail({ id });
    const template = this.templates[row.kind as MessageKind];
    const label = template?.id ?? row.kind;
    if (!template || !this.wechat.configured)
      return this.finish(id, { status: 'dropped', lastError: template ? 'WeChat not configured' : 'template not configured' });
    // A reminder for a place given up since it was written is not sent.
    const regId = /^rem-(?:eve|2h):(\d+)$/.exec(row.dedupeKey ?? '')?.[1];
    if (regId && !(await this.ds.getRepository(RegistrationEntity).existsBy({ id: Number(regId), status: 'confirmed' }))) {
      return this.finish(id, { status: 'dropped', lastError: 'registration no longer confirmed' });
    }
    const user = await this.ds.getRepository(UserEntity).findOne({ where: { id: row.userId }, select: { id: true, openid: true } });
    if (!user?.openid) return this.finish(id, { status: 'dropped', lastError: 'no openid (not a mini-program user)' });
    if (!row.grantUsed) {
      const used = await this.ds
        .createQueryBuilder()
        .update(SubscribeGrantEntity)
        .set({ count: () => 'count - 1' })
        .where('userId = :userId AND templateId = :templateId AND count > 0', { userId: row.userId, templateId: template.id })
        .execute();
      if (used.affected !== 1) {
        this.counter.inc({ template: label, outcome: 'refused' });
        return this.finish(id, { status: 'dropped', lastError: 'no grant' });
      }
      await this.ds.getRepository(OutboxEntity).update({ id }, { grantUsed: true });
    }
    const outcome = await this.deliver(row, template.id, templateData(template, JSON.parse(row.vals) as Record<string, string>), user.openid);
    this.counter.inc({ template: label, outcome: outcome.kind });
    if (outcome.kind === 'sent') return this.finish(id, { status: 'sent', sentAt: this.clock.now(), lastError: null });
    if (outcome.kind === 'refused') return this.finish(id, { status: 'dropped', lastError: outcome.error });
    if (outcome.kind === 'dead' || row.attempts >= MAX_ATTEMPTS) return this.finish(id, { status: 'dead', lastError: outcome.error });
    // 10 s, 40 s, 160 s, 640 s: WeChat's hiccups pass; the in-app notice already told the person.
    const backoff = 10_000 * 4 ** (row.attempts - 1);
    await this.finish(id, { status: 'pending', nextAttemptAt: new Date(this.clock.now().getTime() + backoff), lastError: outcome.error });
  }

  private async deliver(
    row: OutboxEntity,
    templateId: string,
    data: Record<string, { value: string }>,
    openid: string,
  ): Promise<{ kind: Outcome; error?: string }> {
    try {
      await this.wechat.callWithToken('/cgi-bin/message/subscribe/send', {
        touser: openid,
        template_id: templateId,
        page: row.page,
        data,
        miniprogram_state: this.opts.miniprogramState,
        lang: 'zh_CN',
      });
      return { kind: 'sent' };
    } catch (err) {
      const e = err instanceof WechatApiError ? err : new WechatApiError(-3, (err as Error).message);
      const error = `${e.errcode} ${e.errmsg}`.slice(0, 200);
      if (e.errcode === 43101) return { kind: 'refused', error };
      if (PERMANENT.has(e.errcode)) return { kind: 'dead', error };
      return { kind: 'failed', error };
    }
  }

  /** Finished rows are kept 30 days for support questions, then deleted. */
  async sweep(): Promise<void> {
    await this.ds
      .getRepository(OutboxEntity)
      .delete({ status: In(['sent', 'dropped', 'dead']), createdAt: LessThan(new Date(this.clock.now().getTime() - 30 * 864e5)) });
  }
}
