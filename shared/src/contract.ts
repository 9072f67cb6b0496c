import type * as z from 'zod/mini';
import type { ErrorCode } from './errors';

/**
 * Who may call a route, as the BFF's middleware enforces it: public: anyone; user: signed in;
 * organiser: signed in with a grant (the service checks the grant's scope); admin: an admin grant.
 */
export type Access = 'public' | 'user' | 'organiser' | 'admin';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One route, declared once for both ends: the BFF implements it (`api.route(contract, handler)`
 * registers method+path, checks access, validates params/query/body and parses the response) and
 * the client calls it (`call('get /api/v1/stations/:id', { params: { id } })`, typed from here).
 */
export interface Contract<
  M extends HttpMethod = HttpMethod,
  P extends string = string,
  Params extends z.core.$ZodType | undefined = z.core.$ZodType | undefined,
  Query extends z.core.$ZodType | undefined = z.core.$ZodType | undefined,
  Body extends z.core.$ZodType | undefined = z.core.$ZodType | undefined,
  R extends z.core.$ZodType = z.core.$ZodType,
> {
  method: M;
  /** Koa path, e.g. /api/v1/me or /api/v1/stations/:id */
  path: P;
  summary: string;
  tag: string;
  access: Access;
  params?: Params;
  query?: Query;
  body?: Body;
  response: R;
  status?: number;
  /** Error codes this route can answer with, beyond the ones every route can. */
  errors?: ErrorCode[];
  /** A non-JSON answer (CSV, SVG, an image): the handler returns the body itself. 'image/*': the handler sets the exact type. */
  produces?: 'text/csv' | 'text/calendar' | 'text/plain' | 'image/svg+xml' | 'image/png' | 'image/*';
  /** A body that is not validated JSON (a file upload, a platform's XML/JSON push): the handler reads it itself. */
  consumes?: 'multipart/form-data' | 'application/json';
}

/** Declares a contract keeping its literal method and path (what the client's route keys are made of). */
export function contract<
  const M extends HttpMethod,
  const P extends string,
  Params extends z.core.$ZodType | undefined = undefined,
  Query extends z.core.$ZodType | undefined = undefined,
  Body extends z.core.$ZodType | undefined = undefined,
  R extends z.core.$ZodType = z.core.$ZodType,
>(c: Contract<M, P, Params, Query, Body, R>): Contract<M, P, Params, Query, Body, R> {
  return c;
}

// A part the contract leaves out (its optional property is undefined) reads as undefined.
type Out<S> = [NonNullable<S>] extends [never] ? undefined : NonNullable<S> extends z.core.$ZodType ? z.output<NonNullable<S>> : undefined;
type In<S> = [NonNullable<S>] extends [never] ? undefined : NonNullable<S> extends z.core.$ZodType ? z.input<NonNullable<S>> : undefined;

/** What the BFF handler receives: params, query and body as the contract's schemas parsed them. */
export interface ParsedInput<C extends Contract> {
  params: Out<C['params']>;
  query: Out<C['query']>;
  body: Out<C['body']>;
}

type Drop<T> = { [K in keyof T as T[K] extends undefined ? never : K]: T[K] };
/** What a caller sends: only the parts the contract declares, in the schemas' input types. */
export type CallInput<C extends Contract> = Drop<{ params: In<C['params']>; query: In<C['query']>; body: In<C['body']> }>;
/** What a JSON route answers (the response schema's output, as the BFF parsed it before sending). */
export type CallResponse<C extends Contract> = z.output<C['response']>;

/** 'get /api/v1/stations/:id': how the client names a contract without importing its schemas. */
export type RouteKey<C extends Contract> = `${C['method']} ${C['path']}`;
/** Every contract of a group of contracts, by route key. */
export type RoutesOf<T extends Record<string, Contract>> = { [K in keyof T as RouteKey<T[K]>]: T[K] };
