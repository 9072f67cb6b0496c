import { In, type Repository } from 'typeorm';
import { parseQr } from '@xlx/shared';
import { signQr, verifyQr } from '../adapters/qr-signer';
import { MembershipEntity, type EventEntity, type OrganisationEntity, type UserEntity } from '../entities';
import { enqueueMessages } from './outbox';
import type { Clock } from '../adapters/clock';
import type { AuthUser } from '../context';
import { AppError, notFound } from '../lib/app-error';
import { isUniqueViolation } from '../lib/db-errors';
import type { OrganisationService } from './organisation.service';

export interface MembershipInput {
  organisationId: number;
  name: string;
  phone: string;
  employer: string;
  occupation: string;
  ceremonyEventId: number | null;
}

/** Joining a union: apply, approve or reject; an approved membership is the member flag. */
export class MembershipService {
  constructor(
    private readonly members: Repository<MembershipEntity>,
    private readonly orgRepo: Repository<OrganisationEntity>,
    private readonly orgs: OrganisationService,
    private readonly clock: Clock,
    /** Where the number WeChat verified for a person is kept (the phone button). */
    private readonly users?: Repository<UserEntity>,
    private readonly events?: Repository<EventEntity>,
    /** Signs member cards (M1.<id>.<sig>); derived from the contact key in app.ts. */
    private readonly cardKey = 'test-member-card-key',
  ) {}

  /** The member card's signed code, only while the membership is approved. */
  cardCode(m: MembershipEntity): string | null {
    return m.status === 'approved' ? signQr(this.cardKey, { kind: 'member', id: m.id }) : null;
  }

  /**
   * An organiser verifies a member card: valid, revoked or invalid, with the member's name and
   * union. Only organisers of the card's union or a union above it are told anything about it.
   */
  async verifyCard(
    user: AuthUser,
    code: string,
  ): Promise<{ result: 'valid' | 'invalid' | 'revoked'; membership: MembershipEntity | null; organisation: OrganisationEntity | null }> {
    const payload = parseQr(code);
    if (!payload || payload.kind !== 'member' || !verifyQr(this.cardKey, payload)) return { result: 'invalid', membership: null, organisation: null };
    const m = await this.members.findOneBy({ id: payload.id });
    const org = m ? await this.orgRepo.findOneBy({ id: m.organisationId }) : null;
    if (!m || !org) return { result: 'invalid', membership: null, organisation: null };
    if (!(await this.orgs.canManage(user, org))) throw new AppError('NOT_FOUND', '这张会员卡不属于您管理的工会，请由该工会的工作人员核验');
    return { result: m.status === 'approved' ? 'valid' : 'revoked', membership: m, organisation: org };
  }

  /** Ends a membership: the card then answers 已注销. */
  async revoke(user: AuthUser, id: number): Promise<MembershipEntity> {
    const m = await this.members.findOneBy({ id });
    if (!m) throw notFound('会员');
    const org = await this.orgRepo.findOneBy({ id: m.organisationId });
    if (!org || !(await this.orgs.canManage(user, org))) throw notFound('会员');
    const r = await this.members.update({ id, status: 'approved' }, { status: 'revoked', decidedBy: user.id, decidedAt: this.clock.now() });
    if (!r.affected) throw new AppError('CONFLICT', '只能注销已通过的会员');
    return this.members.findOneByOrFail({ id });
  }

  /** Member of the event's union, of a union above it, or of one below it (e.g. the courier union in the district). */
  async isMember(userId: number, organisationId: number): Promise<boolean> {
    const approved = await this.members.find({ where: { userId, status: 'approved' }, select: { organisationId: true } });
    if (approved.length === 0) return false;
    const target = await this.orgRepo.findOneBy({ id: organisationId });
    if (!target) return false;
    const theirs = await this.orgRepo.findBy({ id: In(approved.map((m) => m.organisationId)) });
    return theirs.some((o) => target.path.startsWith(o.path) || o.path.startsWith(target.path));
  }

  /** Applies, or applies again after a rejection; a pending or approved application stands. */
  async apply(userId: number, input: MembershipInput): Promise<MembershipEntity> {
    await this.orgs.get(input.organisationId);
    if (
      input.ceremonyEventId !== null &&
      this.events &&
      !(await this.events.existsBy({ id: input.ceremonyEventId, kind: 'union_joining', status: 'published' }))
    ) {
      const message = '所选入会仪式不存在或已取消';
      throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'ceremonyEventId', message, code: 'custom' }] });
    }
    const existing = await this.members.findOneBy({ userId, organisationId: input.organisationId });
    // Verified when the number sent is the one WeChat gave this person; a typed number is not.
    const verified = this.users ? (await this.users.findOne({ where: { id: userId }, select: { id: true, verifiedPhone: true } }))?.verifiedPhone : null;
    const fields = {
      name: input.name,
      phone: input.phone,
      phoneVerified: Boolean(verified && verified === input.phone),
      employer: input.employer,
      occupation: input.occupation,
      ceremonyEventId: input.ceremonyEventId,
    };
    if (existing) {
      if (existing.status !== 'rejected' && existing.status !== 'revoked')
        throw new AppError('CONFLICT', existing.status === 'approved' ? '您已经是该工会的会员' : '您的入会申请正在审核，请耐心等待');
      await this.members.update(
        { id: existing.id, status: existing.status },
        { ...fields, status: 'pending', rejectReason: null, decidedAt: null, decidedBy: null },
      );
      return this.members.findOneByOrFail({ id: existing.id });
    }
    try {
      const { identifiers } = await this.members.insert({ userId, organisationId: input.organisationId, status: 'pending', ...fields });
      return this.members.findOneByOrFail({ id: identifiers[0].id as number });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', '您的入会申请正在审核，请耐心等待');
      throw err;
    }
  }

  listMine(userId: number): Promise<MembershipEntity[]> {
    return this.members.find({ where: { userId }, order: { id: 'DESC' } });
  }

  async listManaged(user: AuthUser, q: { status?: string; organisationId?: number }): Promise<MembershipEntity[]> {
    const ids = await this.orgs.scopeIds(user, q.organisationId);
    if (ids.length === 0) return [];
    return this.members.find({
      where: { organisationId: In(ids), ...(q.status ? { status: q.status as MembershipEntity['status'] } : {}) },
      order: { id: 'DESC' },
      take: 500,
    });
  }

  async decide(user: AuthUser, id: number, decision: { approve: true } | { approve: false; reason: string }): Promise<MembershipEntity> {
    const m = await this.members.findOneBy({ id });
    if (!m) throw notFound('入会申请');
    const org = await this.orgRepo.findOneBy({ id: m.organisationId });
    if (!org || !(await this.orgs.canManage(user, org))) throw notFound('入会申请');
    const now = this.clock.now();
    const changes = decision.approve
      ? { status: 'approved' as const, memberNo: `${String(org.id).padStart(4, '0')}${String(m.id).padStart(6, '0')}`, rejectReason: null }
      : { status: 'rejected' as const, rejectReason: decision.reason };
    await this.members.manager.transaction(async (tx) => {
      const r = await tx.getRepository(MembershipEntity).update({ id, status: 'pending' }, { ...changes, decidedBy: user.id, decidedAt: now });
      if (!r.affected) throw new AppError('CONFLICT', '这份申请已经处理过了');
      await enqueueMessages(
        tx,
        [
          {
            userId: m.userId,
            kind: 'membership_decision',
            values: {
              organisation: org.name,
              result: decision.approve ? '已通过' : '未通过',
              reason: decision.approve ? '欢迎加入工会' : decision.reason,
              decidedAt: now.toISOString(),
            },
            page: `pages/membership/index?organisationId=${org.id}`,
          },
        ],
        now,
      );
    });
    return this.members.findOneByOrFail({ id });
  }
}
