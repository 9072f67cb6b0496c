import http from 'node:http';
import { createApp } from './app';
import { systemClock } from './adapters/clock';
import { HttpWechatClient } from './adapters/wechat';
import Redis from 'ioredis';
import { RedisRateLimitStore } from './adapters/rate-limit-store';
import { RedisTokenCache } from './adapters/wechat-token';
import { ConfigError, loadConfig } from './config';
import { openDataSource } from './db/data-source';
import { loadDemoDataIfEmpty } from './db/demo-data';
import { createLogger } from './lib/logger';

const UPLOAD_SWEEP_MS = 10 * 60 * 1000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  for (const warning of config.warnings) {
    logger.warn(warning);
    console.error(`\n!!! ${warning}\n`);
  }
  const dataSource = await openDataSource(config.db, (msg) => logger.info(msg));
  logger.info({ store: config.db.kind }, 'store ready');

  const wantDemo = config.demoData === 'true' || (config.demoData === 'auto' && config.db.kind === 'sqlite');
  if (wantDemo && (await loadDemoDataIfEmpty(dataSource))) logger.info('demo data loaded');

  const wechat = new HttpWechatClient(config.wechat);
  let rateLimitStore: RedisRateLimitStore | undefined;
  if (config.redisUrl) {
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableAutoPipelining: true });
    // Counting starts with the first request: wait for the connection (a dead Redis only warns).
    await redis.ping().catch((err) => logger.warn({ err }, 'Redis not reachable; rate limits fail open until it is'));
    rateLimitStore = new RedisRateLimitStore(redis);
    // The WeChat access token is shared through the same Redis (else through the store).
    if (config.wechat.appId) wechat.useTokenCache(new RedisTokenCache(redis, config.rateLimitNamespace, config.wechat.appId));
  }
  const app = createApp({ config, dataSource, logger, wechat, clock: systemClock, rateLimitStore });
  const server = http.createServer(app.koa.callback());
  // Check-ins a killed process wrote but did not roll up yet are counted now (in the background: a
  // rollup pass only ever raises figures to a recount, so running it beside the others is harmless).
  void app.services.rollup
    .catchUp()
    .then((n) => n && logger.info({ visits: n }, 'recent check-ins rolled up again after start'))
    .catch((err) => logger.warn({ err }, 'rolling up recent check-ins after start failed'));
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 30_000;

  // Photos uploaded but never attached are deleted after a day; every process sweeps, which is harmless.
  const sweepUploads = () =>
    void app.services.uploads
      .sweepOrphans()
      .then((n) => n && logger.info({ deleted: n }, 'unattached uploads swept'))
      .catch((err) => logger.warn({ err }, 'sweeping unattached uploads failed'));
  const uploadSweep = setInterval(sweepUploads, UPLOAD_SWEEP_MS);
  uploadSweep.unref();
  // Photos whose WeChat media check could not be asked for, or whose verdict never came, are asked again.
  const mediaRecheck = setInterval(
    () =>
      void app.services.mediaChecks
        .resendDue()
        .then((n) => n && logger.info({ resent: n }, 'media checks asked again'))
        .catch((err) => logger.warn({ err }, 'asking media checks again failed')),
    10 * 60 * 1000,
  );
  mediaRecheck.unref();

  // Every process sends the outbox and writes due reminders; claims and unique keys keep each message single.
  let outboxPass: Promise<unknown> = Promise.resolve();
  const runOutbox = () => {
    outboxPass = app.services.reminders
      .enqueueDue()
      .then(() => app.services.matchmaking.enqueueRevealMessages())
      .then(() => app.services.messages.drain())
      .catch((err) => logger.warn({ err }, 'sending WeChat messages failed; retrying'));
  };
  const outboxTimer = setInterval(runOutbox, config.outboxPollMs);
  outboxTimer.unref();
  const outboxSweep = setInterval(() => void app.services.messages.sweep().catch(() => undefined), UPLOAD_SWEEP_MS);
  outboxSweep.unref();

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  // Development without PUBLIC_URL: links point at this server (production requires PUBLIC_URL).
  if (!config.publicUrl) config.publicUrl = `http://${shownHost}:${port}`;
  logger.info({ port, devSignIn: config.devSignIn }, 'listening');
  console.log(`心连新 is running: http://${shownHost}:${port}/  (API http://${shownHost}:${port}/api/v1/openapi.json)`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(uploadSweep);
    // Browsers waiting for a sign-in approval are answered now; they ask again at another replica.
    app.services.browserLogins.stop();
    clearInterval(mediaRecheck);
    clearInterval(outboxTimer);
    clearInterval(outboxSweep);
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('grace period over, closing remaining connections');
      server.closeAllConnections();
    }, config.shutdownGraceMs);
    force.unref();
    server.close(async () => {
      await outboxPass;
      await app.services.rollup.settle().catch((err) => logger.error({ err }, 'the last visit rollup pass failed'));
      await dataSource.destroy().catch((err) => logger.error({ err }, 'closing the store failed'));
      await rateLimitStore?.close?.().catch(() => undefined);
      logger.info('stopped');
      process.exit(0);
    });
    // Idle keep-alive sockets would otherwise hold close() open until they time out.
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('心连新 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
