import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded store with dev sign-in on in development', () => {
    const c = loadConfig({});
    expect(c.db.kind).toBe('sqlite');
    expect(c.devSignIn).toBe(true);
    expect(c.port).toBe(3000);
  });

  it('uses MySQL when DATABASE_URL is set', () => {
    const c = loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'mysql://root@127.0.0.1:3306/xlx' });
    expect(c.db).toMatchObject({ kind: 'mysql', url: 'mysql://root@127.0.0.1:3306/xlx' });
  });

  it('refuses MySQL with NODE_ENV unset unless DEV_SIGNIN=true says it is a development server, and then warns loudly', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/xlx' })).toThrow(/NODE_ENV is unset while DATABASE_URL is set/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/xlx', DEV_SIGNIN: 'false' })).toThrow(/NODE_ENV is unset/);
    const dev = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/xlx', DEV_SIGNIN: 'true' });
    expect(dev.devSignIn).toBe(true);
    expect(dev.warnings.join('\n')).toMatch(/DEVELOPMENT SERVER.*anyone can sign in/);
    expect(
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://a@b/c', MATCH_CONTACT_KEY: 'a'.repeat(64), PUBLIC_URL: 'https://x.example' }).warnings,
    ).toEqual([]);
    expect(loadConfig({}).warnings).toEqual([]);
  });

  it('requires PUBLIC_URL in production (links are never built from a request)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://a@b/c', MATCH_CONTACT_KEY: 'a'.repeat(64) })).toThrow(/PUBLIC_URL is required/);
  });

  it('trusts no X-Forwarded-For by default; TRUST_PROXY_HOPS names how many proxies append to it', () => {
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY_HOPS: '1' }).trustProxyHops).toBe(1);
    expect(() => loadConfig({ TRUST_PROXY_HOPS: 'all' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => loadConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', LOG_LEVEL: 'loud', DEV_SIGNIN: 'maybe' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).message;
      for (const key of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'DEV_SIGNIN']) expect(text).toContain(key);
    }
  });

  it('refuses the dev sign-in in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEV_SIGNIN: 'true', DATABASE_URL: 'mysql://a@b/c' })).toThrow(/DEV_SIGNIN must not be enabled/);
  });

  it('refuses the tests-only response log in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://a@b/c', MATCH_CONTACT_KEY: 'a'.repeat(64), RESPONSE_LOG: '/tmp/r.jsonl' }),
    ).toThrow(/RESPONSE_LOG records every response/);
    expect(loadConfig({ RESPONSE_LOG: '/tmp/r.jsonl' }).responseLog).toBe('/tmp/r.jsonl');
  });

  it('turns the dev sign-in off by default in production', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://a@b/c', MATCH_CONTACT_KEY: 'a'.repeat(64), PUBLIC_URL: 'https://xlx.example.org' }).devSignIn,
    ).toBe(false);
  });

  it('requires an https PUBLIC_URL in production, since every scannable code is a link under it', () => {
    const prod = { NODE_ENV: 'production', DATABASE_URL: 'mysql://a@b/c', MATCH_CONTACT_KEY: 'a'.repeat(64) };
    expect(() => loadConfig(prod)).toThrow(/PUBLIC_URL is required/);
    expect(() => loadConfig({ ...prod, PUBLIC_URL: 'http://xlx.example.org' })).toThrow(/PUBLIC_URL must be https/);
    expect(() => loadConfig({ PUBLIC_URL: 'https://xlx.example.org/app' })).toThrow(/PUBLIC_URL must be the public origin/);
    expect(loadConfig({ ...prod, PUBLIC_URL: 'https://xlx.example.org/' }).publicUrl).toBe('https://xlx.example.org');
    // Development: server.ts fills in the address it listens on.
    expect(loadConfig({}).publicUrl).toBe('');
  });

  it('reads the WeChat verification file as name:content', () => {
    expect(loadConfig({ WECHAT_VERIFY_FILE: 'MP_verify_AbC123.txt:0a1b2c3d' }).wechatVerifyFile).toEqual({ name: 'MP_verify_AbC123.txt', content: '0a1b2c3d' });
    expect(() => loadConfig({ WECHAT_VERIFY_FILE: '../etc/passwd:x' })).toThrow(/WECHAT_VERIFY_FILE must be <file name>.txt:<content>/);
    expect(() => loadConfig({ WECHAT_VERIFY_FILE: 'MP_verify_AbC123.txt' })).toThrow(/WECHAT_VERIFY_FILE/);
  });

  it('requires its own contact-sealing key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://a@b/c' })).toThrow(/MATCH_CONTACT_KEY is required/);
    expect(() => loadConfig({ MATCH_CONTACT_KEY: 'short' })).toThrow(/64 hex/);
  });

  it('signs photo links with a key of their own, derived from the contact key unless MEDIA_URL_KEY is set', () => {
    const derived = loadConfig({ MATCH_CONTACT_KEY: 'a'.repeat(64) }).mediaUrlKey;
    expect(derived).toMatch(/^[0-9a-f]{64}$/);
    expect(derived).not.toBe('a'.repeat(64));
    expect(loadConfig({ MATCH_CONTACT_KEY: 'b'.repeat(64) }).mediaUrlKey).not.toBe(derived);
    expect(loadConfig({ MATCH_CONTACT_KEY: 'a'.repeat(64), MEDIA_URL_KEY: 'c'.repeat(64) }).mediaUrlKey).toBe('c'.repeat(64));
    expect(() => loadConfig({ MEDIA_URL_KEY: 'short-and-secret' })).toThrow(/MEDIA_URL_KEY must be 64 hex/);
    try {
      loadConfig({ MEDIA_URL_KEY: 'short-and-secret' });
    } catch (err) {
      expect((err as Error).message).not.toContain('short-and-secret');
    }
  });

  it('never echoes a secret in its error', () => {
    expect(() => loadConfig({ WECHAT_SECRET: 'top-secret-value' })).toThrow(ConfigError);
    try {
      loadConfig({ WECHAT_SECRET: 'top-secret-value' });
    } catch (err) {
      expect((err as Error).message).toContain('WECHAT_APPID');
      expect((err as Error).message).not.toContain('top-secret-value');
    }
  });

  it('takes the message push token as the console writes it, and never echoes a bad one', () => {
    expect(loadConfig({ WECHAT_PUSH_TOKEN: 'xlxPush2026' }).wechat.pushToken).toBe('xlxPush2026');
    expect(loadConfig({}).wechat.pushToken).toBeUndefined();
    try {
      loadConfig({ WECHAT_PUSH_TOKEN: 'has spaces & symbols!' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain('WECHAT_PUSH_TOKEN');
      expect((err as Error).message).not.toContain('has spaces');
    }
  });
});
