import { IsNull, type Repository } from 'typeorm';
import { QR_ROTATION_SECONDS, rotationWindow } from '@xlx/shared';
import type { KioskLinkEntity, StationEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import { hashToken, newSessionToken } from '../adapters/crypto';
import { signQr } from '../adapters/qr-signer';
import type { AuthUser } from '../context';
import { AppError, notFound } from '../lib/app-error';
import type { StationService } from './station.service';

export interface RotatingCode {
  station: StationEntity;
  payload: string;
  refreshAt: Date;
}

/** The rotating code of a station screen, for its organisers or through a revocable kiosk link. */
export class KioskService {
  constructor(
    private readonly links: Repository<KioskLinkEntity>,
    private readonly stationsRepo: Repository<StationEntity>,
    private readonly stations: StationService,
    private readonly clock: Clock,
  ) {}

  async codeForOrganiser(user: AuthUser, stationId: number): Promise<RotatingCode> {
    return this.current(await this.stations.getManaged(user, stationId));
  }

  /** Anyone holding the link sees the code, until an organiser revokes the link. */
  async codeForLink(token: string): Promise<RotatingCode> {
    const link = token.length <= 100 ? await this.links.findOneBy({ tokenHash: hashToken(token), revokedAt: IsNull() }) : null;
    if (!link) throw new AppError('NOT_FOUND', '屏幕链接无效或已被收回，请向驿站管理员索取新的链接');
    const station = await this.stationsRepo.findOneBy({ id: link.stationId });
    if (!station) throw notFound('驿站');
    return this.current(station);
  }

  /** A new link; the token is shown this once and only its hash is kept. */
  async createLink(user: AuthUser, stationId: number): Promise<{ token: string; link: KioskLinkEntity }> {
    await this.stations.getManaged(user, stationId);
    const token = newSessionToken();
    const { identifiers } = await this.links.insert({ stationId, tokenHash: hashToken(token), createdBy: user.id, revokedAt: null });
    return { token, link: await this.links.findOneByOrFail({ id: identifiers[0].id as number }) };
  }

  async listLinks(user: AuthUser, stationId: number): Promise<KioskLinkEntity[]> {
    await this.stations.getManaged(user, stationId);
    return this.links.find({ where: { stationId }, order: { id: 'DESC' } });
  }

  async revokeLink(user: AuthUser, linkId: number): Promise<void> {
    const link = await this.links.findOneBy({ id: linkId });
    if (!link) throw notFound('屏幕链接');
    try {
      await this.stations.getManaged(user, link.stationId);
    } catch {
      throw notFound('屏幕链接');
    }
    await this.links.update({ id: linkId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private current(station: StationEntity): RotatingCode {
    if (!station.allowRotating) throw new AppError('CONFLICT', '该驿站未启用屏幕动态码，请在驿站设置中开启');
    const now = this.clock.now();
    const window = rotationWindow(now);
    return {
      station,
      payload: signQr(station.qrSecret, { kind: 'station-rotating', id: station.id, window }),
      refreshAt: new Date((window + 1) * QR_ROTATION_SECONDS * 1000),
    };
  }
}
