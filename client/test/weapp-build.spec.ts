// The mini-program build as WeChat and old phones see it: every script parses as ES2015 (no
// reliance on the console's "compile to ES5"), and app.json carries what review and start-up need.
// Needs client/dist/weapp: `npm test` builds it (scripts/build.mjs), or `node scripts/build.mjs weapp`.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';

const weapp = path.resolve(__dirname, '..', 'dist', 'weapp');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- app.json as WeChat reads it, checked field by field
function readApp(): Record<string, any> {
  const file = path.join(weapp, 'app.json');
  if (!fs.existsSync(file)) throw new Error(`no weapp build at ${weapp}: run \`node scripts/build.mjs weapp\` (npm test does)`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('client/dist/weapp', () => {
  const app = readApp();

  it('has only JavaScript that parses as ES2015 (script)', () => {
    const scripts = walk(weapp).filter((f) => f.endsWith('.js'));
    const failures: string[] = [];
    for (const file of scripts) {
      const code = fs.readFileSync(file, 'utf8');
      try {
        parse(code, { ecmaVersion: 2015, sourceType: 'script' });
      } catch (e) {
        const err = e as SyntaxError & { pos?: number; loc?: { line: number; column: number } };
        const at = err.pos ?? 0;
        const near = code.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ');
        failures.push(`${path.relative(weapp, file)}:${err.loc?.line}:${err.loc?.column} ${err.message} near «${near}»`);
      }
    }
    // The bundles that carry the dependencies are among them (the check is not vacuous).
    expect(scripts.map((f) => path.relative(weapp, f))).toEqual(expect.arrayContaining(['app.js', 'vendors.js', 'taro.js']));
    expect(failures).toEqual([]);
  });

  it('loads components lazily and uses style v2', () => {
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(app.style).toBe('v2');
  });

  it('preloads the organiser subpackage on 我的, where organisers enter it', () => {
    const roots = (app.subPackages ?? app.subpackages ?? []).map((s: { root: string }) => s.root.replace(/\/$/, ''));
    expect(roots).toContain('organiser');
    expect(app.pages).toContain('pages/me/index');
    expect(app.preloadRule?.['pages/me/index']).toEqual({ network: 'all', packages: ['organiser'] });
    // 我的 is where the organiser entry button lives.
    const me = fs.readFileSync(path.resolve(__dirname, '..', 'src', 'pages', 'me', 'index.tsx'), 'utf8');
    expect(me).toContain("'/organiser/pages/index/index'");
  });

  it('ships the sitemap app.json points at', () => {
    expect(app.sitemapLocation).toBe('sitemap.json');
    const sitemap = JSON.parse(fs.readFileSync(path.join(weapp, app.sitemapLocation), 'utf8'));
    expect(Array.isArray(sitemap.rules)).toBe(true);
    for (const rule of sitemap.rules) {
      expect(['allow', 'disallow']).toContain(rule.action);
      if (rule.page !== '*') expect(app.pages).toContain(rule.page);
    }
  });

  it('has the privacy guide page and declares the location APIs it uses', () => {
    expect(app.pages).toContain('pages/privacy/index');
    expect(app.requiredPrivateInfos).toEqual(expect.arrayContaining(['getLocation', 'chooseLocation']));
  });
});
