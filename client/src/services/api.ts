import type { ApiRoutes, CallInput, CallResponse } from '@xlx/shared';
import { request, type RequestOptions } from './request';

export type { ApiRoutes };
export type RouteName = keyof ApiRoutes;

/**
 * Calls a route by its contract's key ('get /api/v1/stations/:id'), typed by the contract in
 * shared/src/contracts: the input is what the contract's schemas accept and the answer is what its
 * response schema gives, so a changed contract breaks the client's typecheck. The contracts come in
 * as types only (`import type`): no zod schema is added to the mini-program's bundle by this.
 */
export function call<K extends RouteName>(
  route: K,
  input: CallInput<ApiRoutes[K]>,
  options?: Omit<RequestOptions, 'data'>,
): Promise<CallResponse<ApiRoutes[K]>> {
  const space = route.indexOf(' ');
  const method = route.slice(0, space).toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  const parts = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const path = route
    .slice(space + 1)
    .replace(/^\/api\/v1/, '')
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(parts.params?.[name])));
  if (method === 'GET' || method === 'DELETE') return request(method, path, { ...options, data: parts.query });
  const qs = parts.query
    ? Object.entries(parts.query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&')
    : '';
  return request(method, qs ? `${path}?${qs}` : path, { ...options, data: parts.body });
}
