import { In, IsNull, Not, type DataSource, type Repository } from 'typeorm';
import type { UpdateMe } from '@xlx/shared';
import {
  MatchParticipantEntity,
  MatchPickEntity,
  MatchProfileEntity,
  MembershipEntity,
  RequestEntity,
  RequestReplyEntity,
  OrganisationEntity,
  RoleGrantEntity,
  SessionEntity,
  UploadEntity,
  UserEntity,
} from '../entities';
import type { Clock } from '../adapters/clock';
import { notFound } from '../lib/app-error';

export interface UserWithGrants {
  user: UserEntity;
  grants: Array<{ role: RoleGrantEntity['role']; organisationId: number; organisationName: string }>;
}

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: Repository<UserEntity>,
    private readonly grants: Repository<RoleGrantEntity>,
    private readonly orgs: Repository<OrganisationEntity>,
    private readonly clock: Clock,
  ) {}

  async getMe(userId: number): Promise<UserWithGrants> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user || user.erasedAt) throw notFound('账号');
    const grants = await this.grants.findBy({ userId });
    const orgs = grants.length ? await this.orgs.findBy({ id: In(grants.map((g) => g.organisationId)) }) : [];
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    return {
      user,
      grants: grants.map((g) => ({ role: g.role, organisationId: g.organisationId, organisationName: names.get(g.organisationId) ?? '' })),
    };
  }

  async update(userId: number, patch: UpdateMe): Promise<UserWithGrants> {
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length > 0) await this.users.update({ id: userId }, changes);
    return this.getMe(userId);
  }

  /**
   * Deletes the account's personal data at once. The row stays, with only the occupation,
   * so that past visits still count in anonymous statistics.
   */
  async erase(userId: number): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx
        .getRepository(UserEntity)
        .update(
          { id: userId },
          { openid: null, devName: null, nickname: null, gender: null, birthYear: null, phone: null, verifiedPhone: null, erasedAt: this.clock.now() },
        );
      await tx.getRepository(SessionEntity).delete({ userId });
      await tx.getRepository(RoleGrantEntity).delete({ userId });
      // Matchmaking data goes entirely: profile, picks either way (and so every match).
      await tx.getRepository(MatchProfileEntity).delete({ userId });
      await tx.getRepository(MatchPickEntity).delete({ pickerId: userId });
      await tx.getRepository(MatchPickEntity).delete({ pickedId: userId });
      await tx.getRepository(MatchParticipantEntity).delete({ userId });
      // Union records keep their counts, not the person.
      await tx.getRepository(MembershipEntity).update({ userId }, { name: '已注销', phone: '', employer: '' });
      await tx.getRepository(RequestEntity).update({ userId }, { text: '（提交人已注销账号，内容已删除）', photoId: null });
      // Their own follow-ups on their requests go too (the union's answers stay).
      await tx.getRepository(RequestReplyEntity).delete({ authorId: userId, fromOrganiser: false });
      // Their photos go (request photos with the words), except those showing a station or an
      // event's cover: the union's public record, kept without a link to the person.
      const uploads = tx.getRepository(UploadEntity);
      await uploads.update({ userId, purpose: In(['station', 'event']), attachedAt: Not(IsNull()) }, { userId: null });
      await uploads.delete({ userId });
    });
  }
}
