import type { RoutesOf } from '../contract';
import { stationContracts } from './stations';

export * from './stations';

/**
 * Every contract by its route key ('get /api/v1/stations/:id'): the client's `call()` is typed by
 * this map and imports it as a type only, so no schema reaches the mini-program's bundle through it.
 */
export type ApiRoutes = RoutesOf<typeof stationContracts>;
