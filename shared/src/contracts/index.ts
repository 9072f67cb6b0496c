import type { RoutesOf } from '../contract';
import { stationContracts } from './stations';
import { requestContracts } from './requests';
import { membershipContracts } from './memberships';
import { dashboardContracts } from './dashboard';
import { eventContracts } from './events';
import { organiserEventContracts } from './organiser-events';
import { organiserStationContracts } from './organiser-stations';
import { meContracts } from './me';
import { matchmakingContracts } from './matchmaking';
import { authContracts } from './auth';
import { browserLoginContracts } from './browser-login';
import { subscribeContracts } from './subscribe';
import { uploadContracts } from './uploads';
import { organisationContracts } from './organisations';
import { qrContracts } from './qr';
import { adminContracts } from './admin';
import { wxacodeContracts } from './wxacode';
import { wechatPlatformContracts } from './wechat-platform';

export * from './stations';
export * from './events';
export * from './dashboard';
export * from './memberships';
export * from './requests';
export * from './organiser-events';
export * from './organiser-stations';
export * from './me';
export * from './matchmaking';
export * from './auth';
export * from './browser-login';
export * from './subscribe';
export * from './uploads';
export * from './organisations';
export * from './qr';
export * from './admin';
export * from './wxacode';
export * from './wechat-platform';

/**
 * Every contract by its route key ('get /api/v1/stations/:id'): the client's `call()` is typed by
 * this map and imports it as a type only, so no schema reaches the mini-program's bundle through it.
 */
export type ApiRoutes = RoutesOf<typeof stationContracts> &
  RoutesOf<typeof eventContracts> &
  RoutesOf<typeof dashboardContracts> &
  RoutesOf<typeof membershipContracts> &
  RoutesOf<typeof requestContracts> &
  RoutesOf<typeof organiserEventContracts> &
  RoutesOf<typeof organiserStationContracts> &
  RoutesOf<typeof meContracts> &
  RoutesOf<typeof matchmakingContracts> &
  RoutesOf<typeof authContracts> &
  RoutesOf<typeof browserLoginContracts> &
  RoutesOf<typeof subscribeContracts> &
  RoutesOf<typeof uploadContracts> &
  RoutesOf<typeof organisationContracts> &
  RoutesOf<typeof qrContracts> &
  RoutesOf<typeof adminContracts> &
  RoutesOf<typeof wxacodeContracts> &
  RoutesOf<typeof wechatPlatformContracts>;
