import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import { ErrorBodySchema, ERROR_STATUS, type Contract, type ErrorCode, type HttpMethod, type ParsedInput } from '@xlx/shared';
import type { AppContext, AppState } from '../context';
import { requireAdmin, requireOrganiser, requireUser } from '../middlewares/auth';
import { validate } from '../middlewares/validate';
import type { RateLimiter, RateRuleName } from '../middlewares/rate-limit';

export type { Access } from '@xlx/shared';

/**
 * A contract (declared in shared/src/contracts) plus what only the BFF decides about it: whether
 * reading it is audited and which rate rule limits it. Also feeds the OpenAPI document.
 */
export interface RouteSpec<R extends z.core.$ZodType = z.core.$ZodType>
  extends Contract<HttpMethod, string, z.core.$ZodType | undefined, z.core.$ZodType | undefined, z.core.$ZodType | undefined, R>, RoutePolicy {}

export interface RoutePolicy {
  /** Record that the caller read personal data: the action name; the target comes from the path. */
  audit?: string;
  /** Limits how often a person and an address may call this route. */
  rateLimit?: RateRuleName;
}

/** The handler gets params, query and body typed by the contract's schemas, already validated. */
type Handler<C extends Contract> = (ctx: AppContext, input: ParsedInput<C>) => Promise<z.input<C['response']> | Buffer>;

/**
 * Wraps @koa/router so that a route implements its contract:
 * `api.route(contract, handler)` or `api.route(contract, { audit, rateLimit }, handler)` registers
 * method+path, checks access, validates params/query/body and hands them to the handler typed
 * (`handler(ctx, { params, query, body })`). The handler's result is parsed by the response
 * schema, which strips anything a presenter did not mean to send.
 */
export class ApiRouter {
  readonly router = new Router<AppState>();
  readonly specs: RouteSpec[] = [];
  private readonly ownBody = new Set<string>();

  constructor(
    private readonly limiter?: RateLimiter,
    private readonly auditor?: (actorId: number, action: string, target: string) => Promise<void>,
  ) {}

  route<C extends Contract & RoutePolicy>(contract: C, handler: Handler<C>): this;
  route<C extends Contract>(contract: C, policy: RoutePolicy, handler: Handler<C>): this;
  route<C extends Contract>(contract: C, policyOrHandler: RoutePolicy | Handler<C>, maybeHandler?: Handler<C>): this {
    const handler = (typeof policyOrHandler === 'function' ? policyOrHandler : maybeHandler)!;
    const spec: RouteSpec = typeof policyOrHandler === 'function' ? contract : { ...contract, ...policyOrHandler };
    const chain: Middleware<AppState>[] = [];
    if (spec.access === 'user') chain.push(requireUser());
    if (spec.access === 'organiser') chain.push(requireOrganiser());
    if (spec.access === 'admin') chain.push(requireAdmin());
    if (spec.rateLimit && this.limiter) chain.push(this.limiter.middleware(spec.rateLimit));
    if (spec.params) chain.push(validate(spec.params, 'params'));
    if (spec.query) chain.push(validate(spec.query, 'query'));
    if (spec.body) chain.push(validate(spec.body, 'body'));
    chain.push(async (ctx) => {
      const input = { params: ctx.state.params, query: ctx.state.query, body: ctx.state.body } as ParsedInput<C>;
      const result = await handler(ctx as AppContext, input);
      if (spec.audit && this.auditor && ctx.state.user) {
        const params = (ctx.state.params ?? {}) as Record<string, unknown>;
        const kind = spec.path.includes('/events/')
          ? 'event'
          : spec.path.includes('/stations/')
            ? 'station'
            : spec.path.includes('/requests/')
              ? 'request'
              : 'organisation';
        await this.auditor(ctx.state.user.id, spec.audit, params.id !== undefined ? `${kind}:${params.id}` : 'subtree');
      }
      ctx.status = spec.status ?? 200;
      if (spec.produces) {
        if (spec.produces !== 'image/*')
          ctx.type = spec.produces === 'text/csv' || spec.produces === 'text/calendar' ? `${spec.produces}; charset=utf-8` : spec.produces;
        ctx.body = result;
      } else {
        ctx.body = z.parse(spec.response, result);
      }
    });
    this.router[spec.method](spec.path, ...(chain as Middleware[]));
    this.specs.push(spec);
    if (spec.consumes) this.ownBody.add(`${spec.method.toUpperCase()} ${spec.path}`);
    return this;
  }

  /** Whether a request goes to a route that reads its own body (an upload), which the JSON body reader must leave alone. */
  readsOwnBody(method: string, path: string): boolean {
    return this.ownBody.size > 0 && this.ownBody.has(`${method} ${path}`);
  }
}

/**
 * OpenAPI 3.1 document generated from the route specs and their shared schemas. A schema named in
 * shared with `.register(z.globalRegistry, { id })` (Station, Event, ErrorBody, …) becomes one entry of
 * components.schemas that every route refers to; as a request body it is `<id>Input` (defaults
 * make fields optional on the way in, and strict objects may refuse extra keys).
 */
export function openApiDocument(specs: RouteSpec[], info: { title: string; version: string }) {
  const schemas: Record<string, unknown> = {};
  const toSchema = (s: z.core.$ZodType, io: 'input' | 'output') => {
    const name = (id: string) => (io === 'input' ? `${id}Input` : id);
    const { $schema: _ignored, $defs, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    // zod puts named schemas under $defs: move them to the components and point the $refs there.
    const pointed = <T>(v: T): T => JSON.parse(JSON.stringify(v).replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => `"#/components/schemas/${name(id)}"`));
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) schemas[name(id)] ??= pointed(def);
    return pointed(rest);
  };
  const errorBody = toSchema(ErrorBodySchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const oaPath = spec.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', spec.params],
      ['query', spec.query],
    ] as const) {
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
      ...(spec.consumes === 'multipart/form-data'
        ? {
            requestBody: {
              required: true,
              content: { [spec.consumes]: { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths,
  };
}
