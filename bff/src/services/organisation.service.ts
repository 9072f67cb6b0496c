import { In, Like, type Repository } from 'typeorm';
import type { OrganisationEntity } from '../entities';
import type { AuthUser } from '../context';
import { notFound } from '../lib/app-error';
import { TtlCache } from '../lib/ttl-cache';

export class OrganisationService {
  /** Names change rarely and are shown next to every station: cached for a minute. */
  private readonly names = new TtlCache<number, string>(60_000);

  constructor(private readonly orgs: Repository<OrganisationEntity>) {}

  async nameOf(id: number): Promise<string> {
    return this.names.get(id, async () => (await this.orgs.findOne({ where: { id }, select: { id: true, name: true } }))?.name ?? '');
  }

  list(): Promise<OrganisationEntity[]> {
    return this.orgs.find({ order: { path: 'ASC' } });
  }

  async get(id: number): Promise<OrganisationEntity> {
    const org = await this.orgs.findOneBy({ id });
    if (!org) throw notFound('组织');
    return org;
  }

  /** Creates an organisation under `parentId` (or a root) and fills in its path. */
  async create(input: { name: string; level: OrganisationEntity['level']; parentId: number | null }): Promise<OrganisationEntity> {
    const parent = input.parentId === null ? null : await this.get(input.parentId);
    const { identifiers } = await this.orgs.insert({ ...input, path: '' });
    const id = identifiers[0].id as number;
    await this.orgs.update({ id }, { path: `${parent ? parent.path : '/'}${id}/` });
    return this.get(id);
  }

  /** Ids of an organisation and all its descendants: one indexed prefix query on the path. */
  async subtreeIds(root: OrganisationEntity): Promise<number[]> {
    return (await this.orgs.find({ where: { path: Like(`${root.path}%`) }, select: { id: true } })).map((o) => o.id);
  }

  /** What an organiser's list covers: all they manage, or one of their organisations' subtree (404 if not theirs). */
  async scopeIds(user: AuthUser, organisationId?: number): Promise<number[]> {
    if (organisationId === undefined) return this.managedIds(user);
    return this.subtreeIds(await this.getManaged(user, organisationId));
  }

  /** Ids of the organisations a user may manage: every granted organisation and its descendants. */
  async managedIds(user: AuthUser): Promise<number[]> {
    if (user.grants.length === 0) return [];
    const roots = await this.orgs.findBy({ id: In(user.grants.map((g) => g.organisationId)) });
    const qb = this.orgs.createQueryBuilder('o').select('o.id', 'id');
    roots.forEach((r, i) => qb.orWhere(`o.path LIKE :p${i}`, { [`p${i}`]: `${r.path}%` }));
    const rows = await qb.getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  /**
   * The organisation, if the user may manage it. Outside the user's subtree it answers 404,
   * exactly as for an id that does not exist, so nothing leaks about other organisations.
   */
  async getManaged(user: AuthUser, id: number): Promise<OrganisationEntity> {
    const org = await this.orgs.findOneBy({ id });
    if (!org || !(await this.canManage(user, org))) throw notFound('组织');
    return org;
  }

  async canManage(user: AuthUser, org: OrganisationEntity): Promise<boolean> {
    if (user.grants.length === 0) return false;
    const ids = org.path.split('/').filter(Boolean).map(Number);
    return user.grants.some((g) => ids.includes(g.organisationId));
  }
}
