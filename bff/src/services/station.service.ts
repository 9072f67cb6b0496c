import { In, type Repository } from 'typeorm';
import { distanceMetres, type StationInput, type StationPatch, type StationQuery } from '@xlx/shared';
import { StationEntity, type OrganisationEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import type { TtlCache } from '../lib/ttl-cache';
import { newQrSecret, signQr } from '../adapters/qr-signer';
import type { AuthUser } from '../context';
import { AppError, notFound } from '../lib/app-error';
import { isStationOpen } from '../presenters/station.presenter';
import type { OrganisationService } from './organisation.service';
import type { UploadService } from './upload.service';

export interface StationView {
  station: StationEntity;
  organisationName: string;
  distanceMetres: number | null;
}

export class StationService {
  constructor(
    private readonly stations: Repository<StationEntity>,
    private readonly orgRepo: Repository<OrganisationEntity>,
    private readonly orgs: OrganisationService,
    private readonly clock: Clock,
    /** Shared with the check-in path; cleared here whenever a station changes. */
    private readonly cache: TtlCache<number, StationEntity | null>,
    private readonly uploads: UploadService,
  ) {}

  /** Active stations for workers: nearest first when a location is given, else by union and name. */
  async listForWorkers(q: StationQuery): Promise<StationView[]> {
    const where: Record<string, unknown> = { active: true };
    if (q.organisationId !== undefined) {
      where.organisationId = In(await this.orgs.subtreeIds(await this.orgs.get(q.organisationId)));
    }
    if (q.open24h) where.open24h = true;
    let rows = await this.stations.find({ where });
    const now = this.clock.now();
    if (q.amenities.length) rows = rows.filter((s) => q.amenities.every((a) => s.amenities.includes(a)));
    if (q.openNow) rows = rows.filter((s) => isStationOpen(s, now));
    if (q.q) rows = rows.filter((s) => s.name.includes(q.q!) || s.address.includes(q.q!));
    const here = q.lat !== undefined && q.lng !== undefined ? { latitude: q.lat, longitude: q.lng } : null;
    const names = await this.orgNames(rows.map((s) => s.organisationId));
    await this.withPhotoLinks(rows, false);
    const views = rows.map((s) => ({
      station: s,
      organisationName: names.get(s.organisationId) ?? '',
      distanceMetres: here ? distanceMetres(here, { latitude: Number(s.latitude), longitude: Number(s.longitude) }) : null,
    }));
    views.sort((a, b) =>
      here
        ? a.distanceMetres! - b.distanceMetres!
        : a.station.organisationId - b.station.organisationId || a.station.name.localeCompare(b.station.name, 'zh-CN'),
    );
    return views.slice(0, q.limit);
  }

  /** One station, active or not (a paused station still shows its page, marked as paused). */
  async get(id: number, here?: { latitude: number; longitude: number }, forOrganiser = false): Promise<StationView> {
    const station = await this.stations.findOneBy({ id });
    if (!station) throw notFound('驿站');
    return this.view(station, here, forOrganiser);
  }

  // ---- organiser ----

  /** Stations of the organiser's subtree, inactive included; optionally one organisation's subtree. */
  async listManaged(user: AuthUser, organisationId?: number): Promise<StationView[]> {
    const ids = await this.orgs.scopeIds(user, organisationId);
    if (ids.length === 0) return [];
    const rows = await this.stations.find({ where: { organisationId: In(ids) }, order: { organisationId: 'ASC', id: 'ASC' } });
    const names = await this.orgNames(rows.map((s) => s.organisationId));
    await this.withPhotoLinks(rows, true);
    return rows.map((s) => ({ station: s, organisationName: names.get(s.organisationId) ?? '', distanceMetres: null }));
  }

  /** The station, if the user may manage it; 404 otherwise, exactly as for a missing one. */
  async getManaged(user: AuthUser, id: number): Promise<StationEntity> {
    const station = await this.stations.findOneBy({ id });
    if (!station) throw notFound('驿站');
    const org = await this.orgRepo.findOneBy({ id: station.organisationId });
    if (!org || !(await this.orgs.canManage(user, org))) throw notFound('驿站');
    return station;
  }

  async create(user: AuthUser, input: StationInput): Promise<StationView> {
    await this.orgs.getManaged(user, input.organisationId);
    const { signInPolicy, ...rest } = input;
    // The photos are taken with the insert: a refused photo creates no station.
    const id = await this.uploads.attaching(user.id, { purpose: 'station', field: 'photos', claim: input.photos }, async (tx) => {
      const { identifiers } = await tx.getRepository(StationEntity).insert({
        ...rest,
        opensAt: input.open24h ? null : input.opensAt,
        closesAt: input.open24h ? null : input.closesAt,
        allowPrinted: signInPolicy.printed,
        allowRotating: signInPolicy.rotating,
        radiusMetres: signInPolicy.radiusMetres,
        qrSecret: newQrSecret(),
      });
      return identifiers[0].id as number;
    });
    return this.get(id, undefined, true);
  }

  async update(user: AuthUser, id: number, patch: StationPatch): Promise<StationView> {
    const current = await this.getManaged(user, id);
    const { signInPolicy, ...rest } = patch;
    const changes: Partial<StationEntity> = { ...rest };
    if (signInPolicy)
      Object.assign(changes, { allowPrinted: signInPolicy.printed, allowRotating: signInPolicy.rotating, radiusMetres: signInPolicy.radiusMetres });
    const merged = { ...current, ...changes };
    if (merged.open24h) Object.assign(changes, { opensAt: null, closesAt: null });
    else if (!merged.opensAt || !merged.closesAt) throw fieldError('opensAt', '请填写开放时间，或选择24小时开放');
    if (!merged.allowPrinted && !merged.allowRotating) throw fieldError('signInPolicy', '至少允许一种签到码');
    if (patch.photos) {
      // Photos the station has stay; new ones must be the organiser's fresh uploads; dropped ones are deleted.
      const had = current.photos ?? [];
      const photos = patch.photos;
      const change = {
        purpose: 'station' as const,
        field: 'photos',
        claim: photos.filter((p) => !had.includes(p)),
        release: had.filter((p) => !photos.includes(p)),
      };
      await this.uploads.attaching(user.id, change, (tx) => tx.getRepository(StationEntity).update({ id }, changes));
    } else if (Object.keys(changes).length) {
      await this.stations.update({ id }, changes);
    }
    this.cache.delete(id);
    return this.get(id, undefined, true);
  }

  /** The printed code's payload for a station the user manages. */
  async printedCode(user: AuthUser, id: number): Promise<{ station: StationEntity; payload: string; typedCode: string; organisationName: string }> {
    const station = await this.getManaged(user, id);
    return {
      station,
      payload: signQr(station.qrSecret, { kind: 'station', id: station.id }),
      typedCode: signQr(station.qrSecret, { kind: 'station-typed', id: station.id }),
      organisationName: (await this.orgNames([station.organisationId])).get(station.organisationId) ?? '',
    };
  }

  /** Voids every printed code of the station (e.g. a photo of it circulates): a new secret. */
  async rotateSecret(user: AuthUser, id: number): Promise<void> {
    await this.getManaged(user, id);
    await this.stations.update({ id }, { qrSecret: newQrSecret() });
    this.cache.delete(id);
  }

  private async view(station: StationEntity, here?: { latitude: number; longitude: number }, forOrganiser = false): Promise<StationView> {
    const names = await this.orgNames([station.organisationId]);
    await this.withPhotoLinks([station], forOrganiser);
    return {
      station,
      organisationName: names.get(station.organisationId) ?? '',
      distanceMetres: here ? distanceMetres(here, { latitude: Number(station.latitude), longitude: Number(station.longitude) }) : null,
    };
  }

  /**
   * Station photos are public: anyone shown the station gets links that last weeks. Photos WeChat
   * is still checking are the organisers' alone (marked); risky ones nobody's (organisers get a count).
   */
  private async withPhotoLinks(rows: StationEntity[], forOrganiser: boolean): Promise<void> {
    const states = (await this.uploads.checker?.statesOf(rows.flatMap((s) => s.photos ?? []))) ?? new Map<string, string>();
    for (const s of rows) {
      const all = this.uploads.links(s.photos ?? [], 'station').map((p) => ({ ...p, check: states.get(p.id) }));
      s.presentedPhotos = all
        .filter((p) => p.check !== 'risky' && (forOrganiser || p.check !== 'checking'))
        .map((p) => ({ id: p.id, url: p.url, state: p.check === 'checking' ? ('checking' as const) : ('shown' as const) }));
      s.riskyPhotos = forOrganiser ? all.filter((p) => p.check === 'risky').length : 0;
    }
  }

  private async orgNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    return new Map(await Promise.all(unique.map(async (id) => [id, await this.orgs.nameOf(id)] as const)));
  }
}

/** A rule that spans fields of the stored row and the patch, reported like a schema failure. */
function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { issues: [{ path, message, code: 'custom' }] });
}
