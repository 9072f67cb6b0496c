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
  const parts = input as Parts;
  const path = fillPath(route, parts.params);
  if (method === 'GET' || method === 'DELETE') return request(method, path, { ...options, data: parts.query });
  const qs = queryString(parts.query);
  return request(method, qs ? `${path}?${qs}` : path, { ...options, data: parts.body });
}

/**
 * The address (under /api/v1) of a route that call() cannot fetch as JSON (a CSV or SVG download,
 * an image, a multipart upload), built and typed from its contract like call()'s input.
 */
export function routeUrl<K extends RouteName>(route: K, input: CallInput<ApiRoutes[K]>): string {
  const parts = input as Parts;
  const path = fillPath(route, parts.params);
  const qs = queryString(parts.query);
  return qs ? `${path}?${qs}` : path;
}

type Parts = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

function fillPath(route: string, params: Record<string, unknown> | undefined): string {
  return route
    .slice(route.indexOf(' ') + 1)
    .replace(/^\/api\/v1/, '')
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params?.[name])));
}

function queryString(query: Record<string, unknown> | undefined): string {
  return query
    ? Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&')
    : '';
}
