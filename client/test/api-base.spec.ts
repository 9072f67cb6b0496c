import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ApiBaseError, LOCAL_API_BASE, isReleaseBuild, resolveApiBase, type ApiBaseEnv } from '../config/api-base';

const release: ApiBaseEnv = { NODE_ENV: 'production', TARO_ENV: 'weapp' };
const local: ApiBaseEnv = { NODE_ENV: 'production', TARO_ENV: 'weapp', XLX_LOCAL_BUILD: '1' };
const dev: ApiBaseEnv = { NODE_ENV: 'development', TARO_ENV: 'weapp' };

describe('resolveApiBase', () => {
  describe('mini-program release build (NODE_ENV=production, not the local build)', () => {
    it('is a release', () => {
      expect(isReleaseBuild(release)).toBe(true);
      expect(isReleaseBuild(local)).toBe(false);
      expect(isReleaseBuild(dev)).toBe(false);
    });

    it('takes a registered https domain, without a trailing slash', () => {
      expect(resolveApiBase({ ...release, TARO_APP_API_BASE: 'https://api.example.org/' })).toBe('https://api.example.org');
      expect(resolveApiBase({ ...release, TARO_APP_API_BASE: 'https://xlx.example.org:8443/bff' })).toBe('https://xlx.example.org:8443/bff');
    });

    it.each([
      ['unset', undefined, /TARO_APP_API_BASE is unset/],
      ['empty', '  ', /TARO_APP_API_BASE is unset/],
      ['http', 'http://api.example.org', /is not https/],
      ['an IPv4 address', 'https://10.0.0.5', /is an IP address/],
      ['an IPv4 address written as a number', 'https://2130706433', /is an IP address/],
      ['an IPv6 address', 'https://[::1]:3000', /is an IP address/],
      ['localhost', 'https://localhost:3000', /localhost/],
      ['a .localhost name', 'https://bff.localhost', /localhost/],
      ['a bare host name', 'https://bff', /local host name/],
      ['not a URL', 'api.example.org', /is not an absolute URL/],
      ['another scheme', 'ftp://api.example.org', /is not an http\(s\) URL/],
      ['a query', 'https://api.example.org/?x=1', /query/],
    ])('refuses %s, saying what to set', (_label, base, reason) => {
      const build = () => resolveApiBase({ ...release, TARO_APP_API_BASE: base });
      expect(build).toThrow(ApiBaseError);
      expect(build).toThrow(reason);
      // The message names the fix: the variable, an https example and the local alternative.
      expect(build).toThrow(/TARO_APP_API_BASE=https:\/\/api\.example\.org npm run build:release/);
      expect(build).toThrow(/npm run build/);
    });
  });

  describe('local build (npm run build / npm test) and development', () => {
    it.each([
      ['local', local],
      ['development', dev],
    ])('%s keeps the loopback default', (_label, env) => {
      expect(resolveApiBase(env)).toBe(LOCAL_API_BASE);
      expect(LOCAL_API_BASE).toBe('http://127.0.0.1:3000');
    });

    it('takes a LAN address for a phone preview', () => {
      expect(resolveApiBase({ ...local, TARO_APP_API_BASE: 'http://192.168.1.20:3000' })).toBe('http://192.168.1.20:3000');
      expect(resolveApiBase({ ...dev, TARO_APP_API_BASE: 'http://localhost:3000/' })).toBe('http://localhost:3000');
    });

    it('still refuses what is not an http(s) URL', () => {
      expect(() => resolveApiBase({ ...local, TARO_APP_API_BASE: '127.0.0.1:3000' })).toThrow(/is not an absolute URL/);
    });
  });

  describe('H5', () => {
    it('is same-origin by default, even in production (the BFF serves it)', () => {
      expect(resolveApiBase({ NODE_ENV: 'production', TARO_ENV: 'h5' })).toBe('');
      expect(isReleaseBuild({ NODE_ENV: 'production', TARO_ENV: 'h5' })).toBe(false);
    });
  });
});

describe('taro build --type weapp (the config wires the check in)', () => {
  it('stops a release build with an IP address before building anything', () => {
    const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, NODE_ENV: 'production', XLX_LOCAL_BUILD: '', TARO_APP_API_BASE: 'http://10.0.0.1:3000' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('TARO_APP_API_BASE "http://10.0.0.1:3000" is not https');
  }, 130_000);
});
