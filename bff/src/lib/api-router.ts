import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import { ErrorBodySchema, ERROR_STATUS, type ErrorCode } from '@xlx/shared';
import type { AppContext, AppState } from '../context';
import { requireAdmin, requireOrganiser, requireUser } from '../middlewares/auth';
import { validate } from '../middlewares/validate';
import type { RateLimiter, RateRuleName } from '../middlewares/rate-limit';

/** public: anyone; user: signed in; organiser: signed in with a grant (scope is checked by the service); admin: an admin grant. */
export type Access = 'public' | 'user' | 'organiser' | 'admin';

/** A route's contract: what it takes, what it answers, who may call it. Also feeds the OpenAPI document. */
export interface RouteSpec<R extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa path, e.g. /api/v1/me or /api/v1/stations/:id */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response: R;
  status?: number;
  /** Error codes this route can answer with, beyond the ones every route can. */
  errors?: ErrorCode[];
  /** Record that the caller read personal data: the action name; the target comes from the path. */
  audit?: string;
  /** Limits how often a person and an address may call this route. */
  rateLimit?: RateRuleName;
  /** A non-JSON answer (CSV, SVG): the handler returns the body as a string. 'image/*': the handler sets the exact type. */
  produces?: 'text/csv' | 'text/calendar' | 'text/plain' | 'image/svg+xml' | 'image/png' | 'image/*';
  /** A body that is not JSON (a file upload): the handler reads the request stream itself. */
  consumes?: 'multipart/form-data' | 'application/json';
}

type Handler<R extends z.ZodType> = (ctx: AppContext) => Promise<z.input<R> | Buffer>;

/**
 * Wraps @koa/router so that a route reads like its contract:
 * `api.route({ method, path, access, body, response }, handler)`. The handler's result is
 * parsed by the response schema, which strips anything a presenter did not mean to send.
 */
export class ApiRouter {
  readonly router = new Router<AppState>();
  readonly specs: RouteSpec[] = [];
  private readonly ownBody = new Set<string>();

  constructor(
    private readonly limiter?: RateLimiter,
    private readonly auditor?: (actorId: number, action: string, target: string) => Promise<void>,
  ) {}

  route<R extends z.ZodType>(spec: RouteSpec<R>, handler: Handler<R>): this {
    const chain: Middleware<AppState>[] = [];
    if (spec.access === 'user') chain.push(requireUser());
    if (spec.access === 'organiser') chain.push(requireOrganiser());
    if (spec.access === 'admin') chain.push(requireAdmin());
    if (spec.rateLimit && this.limiter) chain.push(this.limiter.middleware(spec.rateLimit));
    if (spec.params) chain.push(validate(spec.params, 'params'));
    if (spec.query) chain.push(validate(spec.query, 'query'));
    if (spec.body) chain.push(validate(spec.body, 'body'));
    chain.push(async (ctx) => {
      const result = await handler(ctx as AppContext);
      if (spec.audit && this.auditor && ctx.state.user) {
        const params = (ctx.state.params ?? {}) as Record<string, unknown>;
        const kind = spec.path.includes('/events/') ? 'event' : spec.path.includes('/stations/') ? 'station' : spec.path.includes('/requests/') ? 'request' : 'organisation';
        await this.auditor(ctx.state.user.id, spec.audit, params.id !== undefined ? `${kind}:${params.id}` : 'subtree');
      }
      ctx.status = spec.status ?? 200;
      if (spec.produces) {
        if (spec.produces !== 'image/*') ctx.type = spec.produces === 'text/csv' || spec.produces === 'text/calendar' ? `${spec.produces}; charset=utf-8` : spec.produces;
        ctx.body = result;
      } else {
        ctx.body = spec.response.parse(result);
      }
    });
    this.router[spec.method](spec.path, ...(chain as Middleware[]));
    this.specs.push(spec as RouteSpec);
    if (spec.consumes) this.ownBody.add(`${spec.method.toUpperCase()} ${spec.path}`);
    return this;
  }

  /** Whether a request goes to a route that reads its own body (an upload), which the JSON body reader must leave alone. */
  readsOwnBody(method: string, path: string): boolean {
    return this.ownBody.size > 0 && this.ownBody.has(`${method} ${path}`);
  }
}

/** OpenAPI 3.1 document generated from the route specs and their shared schemas. */
export function openApiDocument(specs: RouteSpec[], info: { title: string; version: string }) {
  const toSchema = (s: z.ZodType, io: 'input' | 'output') => {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  };
  const errorBody = toSchema(ErrorBodySchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const oaPath = spec.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
      if (!schema) continue;
      const js = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, prop] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop });
      }
    }
    const codes: ErrorCode[] = ['INTERNAL', 'SERVICE_UNAVAILABLE', ...(spec.errors ?? [])];
    if (spec.access !== 'public') codes.push('UNAUTHENTICATED');
    if (spec.access === 'organiser' || spec.access === 'admin') codes.push('FORBIDDEN');
    if (spec.rateLimit) codes.push('RATE_LIMITED');
    if (spec.body || spec.query || spec.params) codes.push('VALIDATION_FAILED');
    const responses: Record<string, unknown> = {
      [String(spec.status ?? 200)]: {
        description: 'OK',
        content: spec.produces ? { [spec.produces]: { schema: { type: 'string' } } } : { 'application/json': { schema: toSchema(spec.response, 'output') } },
      },
    };
    for (const code of codes) {
      const status = String(ERROR_STATUS[code]);
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = { description: existing ? `${existing.description}, ${code}` : code, content: { 'application/json': { schema: errorBody } } };
    }
    paths[oaPath] ??= {};
    paths[oaPath][spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.access !== 'public' ? { security: [{ bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input') } } } } : {}),
      ...(spec.consumes === 'application/json' ? { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } } } : {}),
      ...(spec.consumes === 'multipart/form-data' ? { requestBody: { required: true, content: { [spec.consumes]: { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
