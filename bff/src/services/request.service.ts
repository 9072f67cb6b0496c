import { In, IsNull, LessThan, Not, type DataSource, type Repository } from 'typeorm';
import { addWorkingDays, LIMITS, type RequestInput } from '@xlx/shared';
import { EventEntity, RequestEntity, RequestReplyEntity, RoleGrantEntity, type OrganisationEntity, type StationEntity, type UserEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import type { AuthUser } from '../context';
import { AppError, notFound } from '../lib/app-error';
import type { OrganisationService } from './organisation.service';
import type { UploadService } from './upload.service';
import { enqueueMessages } from './outbox';
import type { TextChecker } from './content-check.service';

export interface RequestView {
  request: RequestEntity;
  organisationName: string;
  assigneeName: string | null;
  reporterName: string | null;
  replies: Array<{ reply: RequestReplyEntity; author: string }>;
  overdue: boolean;
  /** A signed link to the photo, for the worker and the organisers who may see the request. */
  photoUrl: string | null;
  /** WeChat's check of the photo still running ('checking') or failed ('risky'); null when shown or none. */
  photoCheck: 'checking' | 'risky' | null;
}

const fieldError = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path, message, code: 'custom' }] });

const OPEN = ['submitted', 'in_progress'] as const;

/** Workers' requests (诉求): filing, replies, resolution, rating, and the counts unions report. */
export class RequestService {
  constructor(
    private readonly ds: DataSource,
    private readonly requests: Repository<RequestEntity>,
    private readonly replies: Repository<RequestReplyEntity>,
    private readonly users: Repository<UserEntity>,
    private readonly stations: Repository<StationEntity>,
    private readonly orgRepo: Repository<OrganisationEntity>,
    private readonly orgs: OrganisationService,
    private readonly clock: Clock,
    private readonly uploads: UploadService,
    private readonly texts?: TextChecker,
  ) {}

  isOverdue(r: RequestEntity, now = this.clock.now()): boolean {
    return (OPEN as readonly string[]).includes(r.status) && new Date(r.dueAt) < now;
  }

  async submit(userId: number, input: RequestInput): Promise<RequestView> {
    await this.texts?.check(userId, input.text, 3, 'text');
    let organisationId = input.organisationId;
    if (input.stationId !== null) {
      const station = await this.stations.findOneBy({ id: input.stationId });
      if (!station) throw new AppError('VALIDATION_FAILED', '所选驿站不存在', { issues: [{ path: 'stationId', message: '所选驿站不存在', code: 'custom' }] });
      organisationId = station.organisationId;
    }
    await this.orgs.get(organisationId!);
    // A request may name an event the worker can see: published or past, never a draft or a made-up id.
    if (input.eventId !== null && !(await this.ds.getRepository(EventEntity).existsBy({ id: input.eventId, status: In(['published', 'cancelled']) }))) {
      throw fieldError('eventId', '所选活动不存在');
    }
    const now = this.clock.now();
    const row = {
      userId,
      organisationId: organisationId!,
      category: input.category,
      text: input.text,
      stationId: input.stationId,
      eventId: input.eventId,
      photoId: input.photoId,
      channel: 'online' as const,
      reporterName: '',
      status: 'submitted' as const,
      assigneeId: null,
      dueAt: addWorkingDays(now, LIMITS.requestDueWorkingDays),
      resolvedAt: null,
      rating: null,
    };
    const insert = async (repo: Repository<RequestEntity>) => (await repo.insert(row)).identifiers[0].id as number;
    // The photo is taken in the same transaction: a refused photo files nothing, a failed insert frees it.
    const id =
      input.photoId === null
        ? await insert(this.requests)
        : await this.uploads.attaching(userId, { purpose: 'request', field: 'photoId', claim: [input.photoId] }, (tx) =>
            insert(tx.getRepository(RequestEntity)),
          );
    return this.view(await this.requests.findOneByOrFail({ id }), false);
  }

  async recordOffline(
    user: AuthUser,
    input: { category: string; text: string; organisationId: number; stationId: number | null; reporterName: string },
  ): Promise<RequestView> {
    const org = await this.orgs.getManaged(user, input.organisationId);
    if (input.stationId !== null) {
      // The station must be one of this union's (or its branches'): never another union's, never a made-up id.
      const station = await this.stations.findOne({ where: { id: input.stationId }, select: { id: true, organisationId: true } });
      if (!station || !(await this.orgs.subtreeIds(org)).includes(station.organisationId)) throw fieldError('stationId', '所选驿站不属于该工会');
    }
    const now = this.clock.now();
    const { identifiers } = await this.requests.insert({
      userId: null,
      organisationId: input.organisationId,
      category: input.category,
      text: input.text,
      stationId: input.stationId,
      eventId: null,
      photoId: null,
      channel: 'offline',
      reporterName: input.reporterName,
      status: 'submitted',
      assigneeId: user.id,
      dueAt: addWorkingDays(now, LIMITS.requestDueWorkingDays),
      resolvedAt: null,
      rating: null,
    });
    return this.view(await this.requests.findOneByOrFail({ id: identifiers[0].id as number }), true);
  }

  async listMine(userId: number): Promise<RequestView[]> {
    const rows = await this.requests.find({ where: { userId }, order: { id: 'DESC' }, take: 100 });
    return this.views(rows, false);
  }

  async getMine(userId: number, id: number): Promise<RequestView> {
    const r = await this.requests.findOneBy({ id, userId });
    if (!r) throw notFound('诉求');
    return this.view(r, false);
  }

  async replyAsWorker(userId: number, id: number, text: string): Promise<RequestView> {
    const r = await this.requests.findOneBy({ id, userId });
    if (!r) throw notFound('诉求');
    if (r.status === 'closed') throw new AppError('CONFLICT', '诉求已关闭，如有新问题请重新提交');
    await this.texts?.check(userId, text, 2, 'text');
    await this.replies.insert({ requestId: id, authorId: userId, fromOrganiser: false, text });
    return this.view(r, false);
  }

  /** Once resolved, the worker says whether they are satisfied; once only. */
  async rate(userId: number, id: number, satisfied: boolean): Promise<RequestView> {
    const r = await this.requests.findOneBy({ id, userId });
    if (!r) throw notFound('诉求');
    const done = await this.requests.update({ id, userId, status: 'resolved', rating: IsNull() }, { rating: satisfied ? 'satisfied' : 'unsatisfied' });
    if (!done.affected) throw new AppError('CONFLICT', r.rating ? '您已经评价过了' : '诉求解决后才能评价');
    return this.view(await this.requests.findOneByOrFail({ id }), false);
  }

  // ---- organiser ----

  async listManaged(user: AuthUser, q: { status?: string; overdue?: boolean; organisationId?: number }): Promise<RequestView[]> {
    const ids = await this.orgs.scopeIds(user, q.organisationId);
    if (ids.length === 0) return [];
    const where: Record<string, unknown> = { organisationId: In(ids) };
    if (q.status) where.status = q.status;
    if (q.overdue) Object.assign(where, { status: In([...OPEN]), dueAt: LessThan(this.clock.now()) });
    const rows = await this.requests.find({ where, order: { id: 'DESC' }, take: 200 });
    return this.views(rows, true);
  }

  async getManaged(user: AuthUser, id: number): Promise<RequestEntity> {
    const r = await this.requests.findOneBy({ id });
    if (!r) throw notFound('诉求');
    const org = await this.orgRepo.findOneBy({ id: r.organisationId });
    if (!org || !(await this.orgs.canManage(user, org))) throw notFound('诉求');
    return r;
  }

  async viewManaged(user: AuthUser, id: number): Promise<RequestView> {
    return this.view(await this.getManaged(user, id), true);
  }

  async assign(user: AuthUser, id: number, assigneeId: number): Promise<RequestView> {
    const r = await this.getManaged(user, id);
    // Only someone who manages the request's union (a grant on it or on a union above it) can take it
    // on; anyone else, or an id that does not exist, gets one answer, so nothing about accounts leaks.
    const org = await this.orgs.get(r.organisationId);
    const managers = org.path.split('/').filter(Boolean).map(Number);
    if (!(await this.ds.getRepository(RoleGrantEntity).existsBy({ userId: assigneeId, organisationId: In(managers) }))) {
      const message = '只能指派给负责该工会的组织者';
      throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'assigneeId', message, code: 'custom' }] });
    }
    await this.requests.update({ id }, { assigneeId, status: r.status === 'submitted' ? 'in_progress' : r.status });
    return this.viewManaged(user, id);
  }

  async replyAsOrganiser(user: AuthUser, id: number, text: string): Promise<RequestView> {
    const r = await this.getManaged(user, id);
    await this.texts?.check(user.id, text, 2, 'text');
    await this.ds.transaction(async (tx) => {
      await tx.getRepository(RequestReplyEntity).insert({ requestId: id, authorId: user.id, fromOrganiser: true, text });
      if (r.status === 'submitted') await tx.getRepository(RequestEntity).update({ id, status: 'submitted' }, { status: 'in_progress' });
      if (r.userId)
        await enqueueMessages(
          tx,
          [
            {
              userId: r.userId,
              kind: 'request_reply',
              values: { request: r.text, reply: text, repliedAt: this.clock.now().toISOString(), status: '已回复' },
              page: `pages/request/index?id=${id}`,
            },
          ],
          this.clock.now(),
        );
    });
    return this.viewManaged(user, id);
  }

  async setStatus(user: AuthUser, id: number, status: 'in_progress' | 'resolved' | 'closed'): Promise<RequestView> {
    const r = await this.getManaged(user, id);
    if (r.status === 'closed') throw new AppError('CONFLICT', '诉求已关闭');
    const now = this.clock.now();
    await this.ds.transaction(async (tx) => {
      const changed = await tx
        .getRepository(RequestEntity)
        .update({ id, status: Not(status) }, { status, resolvedAt: status === 'resolved' ? now : r.resolvedAt });
      // Only the change to resolved is a message, and only once per change.
      if (changed.affected && status === 'resolved' && r.userId) {
        await enqueueMessages(
          tx,
          [
            {
              userId: r.userId,
              kind: 'request_resolved',
              values: { request: r.text, status: '已解决', resolvedAt: now.toISOString(), note: '请在小程序里评价处理结果' },
              page: `pages/request/index?id=${id}`,
            },
          ],
          now,
        );
      }
    });
    return this.viewManaged(user, id);
  }

  /** Received, resolved, overdue and satisfaction per organisation and channel, over the subtree. */
  async stats(user: AuthUser, organisationId?: number) {
    const ids = await this.orgs.scopeIds(user, organisationId);
    if (ids.length === 0) return [];
    const rows = await this.requests
      .createQueryBuilder('r')
      .select('r.organisationId', 'organisationId')
      .addSelect('r.channel', 'channel')
      .addSelect('COUNT(*)', 'received')
      .addSelect("SUM(CASE WHEN r.status IN ('resolved','closed') THEN 1 ELSE 0 END)", 'resolved')
      .addSelect("SUM(CASE WHEN r.status IN ('submitted','in_progress') AND r.dueAt < :now THEN 1 ELSE 0 END)", 'overdue')
      .addSelect('SUM(CASE WHEN r.rating IS NOT NULL THEN 1 ELSE 0 END)', 'rated')
      .addSelect("SUM(CASE WHEN r.rating = 'satisfied' THEN 1 ELSE 0 END)", 'satisfied')
      .where('r.organisationId IN (:...ids)', { ids })
      .setParameter('now', this.clock.now())
      .groupBy('r.organisationId')
      .addGroupBy('r.channel')
      .getRawMany<Record<string, string | number>>();
    return Promise.all(
      rows.map(async (r) => ({
        organisationId: Number(r.organisationId),
        organisationName: await this.orgs.nameOf(Number(r.organisationId)),
        channel: r.channel as 'online' | 'offline',
        received: Number(r.received),
        resolved: Number(r.resolved),
        overdue: Number(r.overdue),
        rated: Number(r.rated),
        satisfied: Number(r.satisfied),
      })),
    );
  }

  private async view(r: RequestEntity, forOrganiser: boolean): Promise<RequestView> {
    return (await this.views([r], forOrganiser))[0];
  }

  /** Views of many requests in three queries in all (replies, names), not two per request. */
  private async views(rows: RequestEntity[], forOrganiser: boolean): Promise<RequestView[]> {
    if (rows.length === 0) return [];
    const replies = await this.replies.find({ where: { requestId: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
    const people = [...new Set([...replies.map((x) => x.authorId), ...rows.flatMap((r) => [r.assigneeId, r.userId].filter((x): x is number => x !== null))])];
    const names = new Map(
      (people.length ? await this.users.find({ where: { id: In(people) }, select: { id: true, nickname: true, erasedAt: true } }) : []).map((u) => [
        u.id,
        u.erasedAt ? '已注销' : (u.nickname ?? `工友${u.id}`),
      ]),
    );
    const checks = (await this.uploads.checker?.statesOf(rows.flatMap((r) => (r.photoId ? [r.photoId] : [])))) ?? new Map();
    // A photo being checked is the worker's alone; a risky one nobody's.
    const photo = (r: RequestEntity) => {
      const state = r.photoId ? checks.get(r.photoId) : undefined;
      const check = state === 'checking' || state === 'risky' ? state : null;
      const shown = r.photoId && (check === null || (check === 'checking' && !forOrganiser));
      return { photoUrl: shown ? this.uploads.link(r.photoId!, 'request') : null, photoCheck: check };
    };
    return Promise.all(
      rows.map(async (r) => ({
        request: r,
        organisationName: await this.orgs.nameOf(r.organisationId),
        assigneeName: r.assigneeId ? (names.get(r.assigneeId) ?? null) : null,
        // Organisers see who filed it; the worker knows already.
        reporterName: forOrganiser ? (r.channel === 'offline' ? r.reporterName || '现场来访' : r.userId ? (names.get(r.userId) ?? null) : null) : null,
        replies: replies
          .filter((x) => x.requestId === r.id)
          .map((reply) => ({ reply, author: reply.fromOrganiser ? '工会工作人员' : (names.get(reply.authorId) ?? '我') })),
        overdue: this.isOverdue(r),
        ...photo(r),
      })),
    );
  }
}
