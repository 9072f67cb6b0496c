import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Koa from 'koa';
import Router from '@koa/router';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LIMITS } from '@xlx/shared';
import type { Config } from './config';
import type { AppState } from './context';
import type { Clock } from './adapters/clock';
import type { WechatClient } from './adapters/wechat';
import {
  AuditLogEntity,
  BrowserLoginEntity,
  CheckinEntity,
  EventEntity,
  KioskLinkEntity,
  MatchProfileEntity,
  MembershipEntity,
  RequestEntity,
  RequestReplyEntity,
  NotificationEntity,
  OrganisationEntity,
  RegistrationEntity,
  RoleGrantEntity,
  SessionEntity,
  StationEntity,
  StationPresenceEntity,
  UploadEntity,
  UserEntity,
} from './entities';
import { ApiRouter, openApiDocument } from './lib/api-router';
import { createMetrics } from './lib/metrics';
import { TtlCache } from './lib/ttl-cache';
import { authenticate } from './middlewares/auth';
import { responseLog } from './middlewares/response-log';
import { errorHandler } from './middlewares/error-handler';
import { jsonBody } from './middlewares/json-body';
import { methodOverride } from './middlewares/method-override';
import { RateLimiter } from './middlewares/rate-limit';
import { h5ContentSecurityPolicy, security } from './middlewares/security';
import { h5Static } from './middlewares/h5-static';
import { SqlRateLimitStore, type RateLimitStore } from './adapters/rate-limit-store';
import { requestId } from './middlewares/request-id';
import { authRoutes } from './routes/auth.routes';
import { browserLoginRoutes } from './routes/browser-login.routes';
import { BrowserLoginService } from './services/browser-login.service';
import { meRoutes } from './routes/me.routes';
import { organisationRoutes } from './routes/organisation.routes';
import { eventRoutes } from './routes/event.routes';
import { qrRoutes } from './routes/qr.routes';
import { linkRoutes } from './routes/link.routes';
import { matchmakingRoutes } from './routes/matchmaking.routes';
import { dashboardRoutes } from './routes/dashboard.routes';
import { membershipRoutes } from './routes/membership.routes';
import { requestRoutes } from './routes/request.routes';
import { adminRoutes } from './routes/admin.routes';
import { DashboardService } from './services/dashboard.service';
import { VisitRollup } from './services/visit-rollup';
import { MembershipService } from './services/membership.service';
import { RequestService } from './services/request.service';
import { MatchmakingService } from './services/matchmaking.service';
import { ContactCipher } from './adapters/contact-cipher';
import { MediaSigner } from './adapters/media-signer';
import { uploadRoutes } from './routes/upload.routes';
import { UploadService } from './services/upload.service';
import { organiserEventRoutes } from './routes/organiser-event.routes';
import { organiserStationRoutes } from './routes/organiser-station.routes';
import { AttendanceService } from './services/attendance.service';
import { EventService, type MembershipLookup } from './services/event.service';
import { NotificationService } from './services/notification.service';
import { RegistrationService } from './services/registration.service';
import { stationRoutes } from './routes/station.routes';
import { AuthService } from './services/auth.service';
import { CheckinService } from './services/checkin.service';
import { KioskService } from './services/kiosk.service';
import { StationService } from './services/station.service';
import { VisitStatsService } from './services/visit-stats.service';
import { OrganisationService } from './services/organisation.service';
import { UserService } from './services/user.service';
import { WxacodeService } from './services/wxacode.service';
import { wxacodeRoutes } from './routes/wxacode.routes';
import { SqlTokenCache } from './adapters/wechat-token';
import { WxacodeEntity } from './entities';
import { MessageSender } from './services/message-sender';
import { WechatTextChecker } from './services/content-check.service';
import { ReminderService } from './services/reminder.service';
import { SubscribeService } from './services/subscribe.service';
import { subscribeRoutes } from './routes/subscribe.routes';
import { MediaCheckService } from './services/media-check.service';
import { PhoneService } from './services/phone.service';
import { wechatPlatformRoutes } from './routes/wechat-platform.routes';

export interface AppDeps {
  config: Pick<Config, 'devSignIn' | 'sessionTtlMs' | 'h5Dir'> &
    Partial<
      Pick<
        Config,
        | 'wechat'
        | 'subscribeTemplates'
        | 'publicUrl'
        | 'wechatVerifyFile'
        | 'checkinDedupeMinutes'
        | 'doorOpensMinutesBefore'
        | 'matchContactKey'
        | 'mediaUrlKey'
        | 'rateLimitScale'
        | 'rateLimitNamespace'
        | 'corsOrigins'
        | 'responseLog'
        | 'trustProxyHops'
      >
    > & {
      /** Tests shorten the browser sign-in's long-poll. */
      browserLoginWait?: { waitMs: number; recheckMs: number };
    };
  /** Where rate-limit counters live: Redis when configured, else the store. */
  rateLimitStore?: RateLimitStore;
  dataSource: DataSource;
  logger: Logger;
  wechat: WechatClient;
  clock: Clock;
}

export interface App {
  koa: Koa<AppState>;
  /** Every API route's contract; the OpenAPI document and the access-table test read it. */
  routes: ApiRouter['specs'];
  services: ReturnType<typeof buildServices>;
}

/** Which mini-program version a message opens: the one mini-program codes open. */
const MINIPROGRAM_STATE = { release: 'formal', trial: 'trial', develop: 'developer' } as const;

function buildServices({ dataSource: ds, wechat, clock, config, logger }: AppDeps) {
  const orgRepo = ds.getRepository(OrganisationEntity);
  const userRepo = ds.getRepository(UserEntity);
  const grantRepo = ds.getRepository(RoleGrantEntity);
  const sessionRepo = ds.getRepository(SessionEntity);
  const stationRepo = ds.getRepository(StationEntity);
  const organisations = new OrganisationService(orgRepo);
  const signer = new MediaSigner(config.mediaUrlKey ?? 'test-media-key');
  const mediaChecks = new MediaCheckService(
    ds.getRepository(UploadEntity),
    userRepo,
    wechat,
    signer,
    clock,
    { pushToken: config.wechat?.pushToken, publicUrl: config.publicUrl },
    logger,
  );
  const uploads = new UploadService(ds, ds.getRepository(UploadEntity), signer, clock, mediaChecks);
  // Stations are read on every scan; 5 s keeps a pause or a renewed secret effective quickly.
  const stationCache = new TtlCache<number, StationEntity | null>(5_000);
  const stations = new StationService(stationRepo, orgRepo, organisations, clock, stationCache, uploads);
  const eventRepo = ds.getRepository(EventEntity);
  const regRepo = ds.getRepository(RegistrationEntity);
  const profiles = ds.getRepository(MatchProfileEntity);
  // The member cards' key: derived from the contact key, so there is no other secret to manage.
  const memberCardKey = createHmac('sha256', config.matchContactKey ?? 'test-match-contact-key')
    .update('xlx:member-card-key:v1')
    .digest('hex');
  const memberships = new MembershipService(
    ds.getRepository(MembershipEntity),
    orgRepo,
    organisations,
    clock,
    userRepo,
    ds.getRepository(EventEntity),
    memberCardKey,
  );
  const membership: MembershipLookup = {
    isMember: (userId, organisationId) => memberships.isMember(userId, organisationId),
    hasMatchProfile: (userId) => profiles.existsBy({ userId }),
  };
  // Without Redis, the access token is shared through the store.
  if (wechat.configured && !wechat.hasTokenCache) wechat.useTokenCache(new SqlTokenCache(ds, config.wechat?.appId ?? 'app'));
  const templates = config.subscribeTemplates ?? {};
  const texts = new WechatTextChecker(wechat, userRepo, logger);
  const rollup = new VisitRollup(
    ds,
    () => clock.now(),
    (err) => logger.warn({ err }, 'visit rollup pass failed: kept for the next pass'),
  );
  const events = new EventService(ds, eventRepo, regRepo, userRepo, stationRepo, orgRepo, organisations, membership, clock, texts, uploads);
  const cipher = new ContactCipher(config.matchContactKey ?? 'test-contact-key');
  const auth = new AuthService(userRepo, sessionRepo, wechat, clock, { sessionTtlMs: config.sessionTtlMs, devSignIn: config.devSignIn });
  return {
    browserLogins: new BrowserLoginService(ds.getRepository(BrowserLoginEntity), auth, clock, config.browserLoginWait),
    memberships,
    requests: new RequestService(
      ds,
      ds.getRepository(RequestEntity),
      ds.getRepository(RequestReplyEntity),
      userRepo,
      stationRepo,
      orgRepo,
      organisations,
      clock,
      uploads,
      texts,
    ),
    rollup,
    dashboard: new DashboardService(ds, organisations, clock, rollup),
    events,
    matchmaking: new MatchmakingService(ds, eventRepo, regRepo, events, cipher, clock, texts),
    registrations: new RegistrationService(ds, eventRepo, regRepo, userRepo, membership, clock),
    attendance: new AttendanceService(ds, eventRepo, regRepo, userRepo, events, clock, ds.getRepository(AuditLogEntity), {
      doorOpensMinutesBefore: config.doorOpensMinutesBefore ?? 120,
    }),
    notifications: new NotificationService(ds.getRepository(NotificationEntity), clock),
    auth,
    users: new UserService(ds, userRepo, grantRepo, orgRepo, clock),
    organisations,
    stations,
    uploads,
    mediaChecks,
    phones: new PhoneService(wechat, userRepo, logger),
    checkins: new CheckinService(ds, stationRepo, ds.getRepository(CheckinEntity), ds.getRepository(StationPresenceEntity), clock, stationCache, {
      dedupeMinutes: config.checkinDedupeMinutes ?? 30,
      rollup,
    }),
    kiosk: new KioskService(ds.getRepository(KioskLinkEntity), stationRepo, stations, clock),
    wxacodes: new WxacodeService(ds, ds.getRepository(WxacodeEntity), wechat, clock, {
      envVersion: config.wechat?.wxacodeEnv ?? 'release',
      checkPath: config.wechat?.wxacodeCheckPath ?? true,
    }),
    subscriptions: new SubscribeService(ds, templates),
    messages: new MessageSender(ds, wechat, templates, clock, { miniprogramState: MINIPROGRAM_STATE[config.wechat?.wxacodeEnv ?? 'release'] }),
    reminders: new ReminderService(ds, clock, templates.reminder?.id),
    visitStats: new VisitStatsService(ds, stationRepo, organisations, stations, clock),
  };
}

/** Builds the Koa app without listening: tests drive app.koa.callback() directly. */
export function createApp(deps: AppDeps): App {
  const services = buildServices(deps);
  // X-Forwarded-For is anyone's to write: only the entries our own proxies appended are believed,
  // and with none configured the socket's address is the client's (per-address limits key on it).
  const hops = deps.config.trustProxyHops ?? 0;
  const koa = new Koa<AppState>({ proxy: hops > 0, maxIpsCount: hops });
  const metrics = createMetrics();
  services.messages.registerMetrics(metrics.registry);

  const limiter = new RateLimiter(
    deps.rateLimitStore ?? new SqlRateLimitStore(deps.dataSource),
    deps.config.rateLimitScale ?? 1,
    deps.logger,
    () => deps.clock.now().getTime(),
    deps.config.rateLimitNamespace,
  );
  const auditRepo = deps.dataSource.getRepository(AuditLogEntity);
  const api = new ApiRouter(limiter, async (actorId, action, target) => {
    await auditRepo.insert({ actorId, action, target });
  });
  authRoutes(api, services.auth, services.users, deps.wechat.configured);
  browserLoginRoutes(api, services.browserLogins, services.users);
  meRoutes(api, services.users, services.auth);
  organisationRoutes(api, services.organisations);
  stationRoutes(api, services.stations, services.checkins, (id) => services.organisations.nameOf(id), deps.clock);
  // Read at each request: server.ts fills in the listening address in development.
  const publicUrl = () => deps.config.publicUrl ?? '';
  qrRoutes(api, publicUrl);
  uploadRoutes(api, services.uploads);
  adminRoutes(api, auditRepo, deps.dataSource.getRepository(UserEntity));
  requestRoutes(api, services.requests);
  membershipRoutes(api, services.memberships, (id) => services.organisations.nameOf(id));
  dashboardRoutes(api, services.dashboard);
  matchmakingRoutes(api, services.matchmaking, () => deps.clock.now());
  eventRoutes(api, services.events, services.registrations, services.attendance, services.notifications, publicUrl);
  organiserEventRoutes(api, services.events, services.attendance, publicUrl);
  organiserStationRoutes(api, services.stations, services.kiosk, services.visitStats, deps.clock, publicUrl, services.wxacodes);
  wxacodeRoutes(api, services.wxacodes, services.stations, services.attendance);
  subscribeRoutes(api, services.subscriptions);
  wechatPlatformRoutes(api, services.phones, services.mediaChecks);

  const ops = new Router<AppState>();
  const openapi = openApiDocument(api.specs, { title: '心连新 API', version: '1' });
  ops.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  ops.get('/readyz', async (ctx) => {
    try {
      await deps.dataSource.query('SELECT 1');
      ctx.body = { status: 'ready', store: deps.dataSource.options.type };
    } catch {
      ctx.status = 503;
      ctx.set('Retry-After', '5');
      ctx.body = { status: 'unavailable', store: deps.dataSource.options.type };
    }
  });
  ops.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  ops.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = openapi;
  });

  // Koa reports errors it could not answer (e.g. a client that hung up mid-body) here.
  koa.on('error', (err: NodeJS.ErrnoException) => {
    const clientGone = err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.code === 'ECONNRESET' || err.code === 'EPIPE';
    deps.logger[clientGone ? 'debug' : 'error']({ err }, 'response not completed');
  });
  // Outermost, so that it sees the final answer, errors included.
  if (deps.config.responseLog) koa.use(responseLog(deps.config.responseLog));
  koa.use(requestId(deps.logger));
  koa.use(metrics.middleware);
  koa.use(errorHandler());
  const indexHtml = path.join(deps.config.h5Dir, 'index.html');
  koa.use(security(deps.config.corsOrigins ?? [], h5ContentSecurityPolicy(fs.existsSync(indexHtml) ? fs.readFileSync(indexHtml, 'utf8') : '')));
  koa.use(methodOverride());
  koa.use(jsonBody(LIMITS.bodyBytesMax, (method, path) => api.readsOwnBody(method, path)));
  koa.use(ops.routes());
  koa.use(authenticate(services.auth));
  koa.use(api.router.routes());
  koa.use(api.router.allowedMethods());
  koa.use(linkRoutes(deps.config.h5Dir, deps.config.wechatVerifyFile));
  if (fs.existsSync(path.join(deps.config.h5Dir, 'index.html'))) {
    koa.use(h5Static(deps.config.h5Dir));
  } else {
    deps.logger.warn({ h5Dir: deps.config.h5Dir }, 'H5 build not found; run `npm run build` to serve the web app');
  }
  return { koa, routes: api.specs, services };
}
