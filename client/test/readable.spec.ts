import fs from 'node:fs';
import path from 'node:path';
import { textScaleFrom } from '../src/services/text-scale';

/** Readable for everyone: checks over the client's source that a reviewer would otherwise do by eye. */
const SRC = path.resolve(__dirname, '..', 'src');
const files = (dir: string, exts: string[]): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p, exts) : exts.some((e) => d.name.endsWith(e)) ? [p] : [];
  });
const rel = (p: string) => path.relative(SRC, p);

describe('readable for everyone', () => {
  it('shows no emoji (older phones draw them as boxes): the UI uses the app icons instead', () => {
    // Pictographs, dingbats (✓ ✗ ★ ⚠), misc technical (⏳ ⌚), variation selector and joiner.
    // eslint-disable-next-line no-misleading-character-class -- the selector and joiner are wanted on their own
    const emoji = /[\u{1F000}-\u{1FAFF}\u{2300}-\u{23FF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}\u{200D}]/u;
    const found = files(SRC, ['.tsx', '.ts', '.css', '.html'])
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ f, i, line })),
      )
      .filter((l) => emoji.test(l.line))
      .map((l) => `${rel(l.f)}:${l.i + 1}: ${l.line.trim().slice(0, 80)}`);
    expect(found).toEqual([]);
  });

  it('lets H5 be pinch-zoomed', () => {
    const meta = /<meta[^>]*name="viewport"[^>]*>/.exec(fs.readFileSync(path.join(SRC, 'index.html'), 'utf8'))?.[0] ?? '';
    expect(meta).toContain('width=device-width');
    expect(meta).not.toMatch(/user-scalable\s*=\s*(no|0)/);
    expect(meta).not.toMatch(/maximum-scale\s*=\s*1(\.0)?\b/);
  });

  it('gives every image a name for screen readers', () => {
    const unnamed = files(SRC, ['.tsx']).flatMap((f) => {
      const s = fs.readFileSync(f, 'utf8');
      return [...s.matchAll(/<Image\b[^>]*?\/>/gs)].filter((m) => !/\bariaLabel=/.test(m[0])).map((m) => `${rel(f)}: ${m[0].slice(0, 80)}`);
    });
    expect(unnamed).toEqual([]);
  });

  it('sizes every font through --text-scale, so weapp text follows the system font size', () => {
    const fixed = files(SRC, ['.css']).flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => /font-size:/.test(l) && !/font-size:\s*(inherit|calc\([\d.]+px \* var\(--text-scale, 1\)\))/.test(l))
        .map((l) => `${rel(f)}: ${l.trim()}`),
    );
    expect(fixed).toEqual([]);
    // The tab pages (and the worker's other pages) set --text-scale from the system setting: TextScale, or the Page root that draws it first.
    expect(fs.readFileSync(path.join(SRC, 'ui', 'Page.tsx'), 'utf8')).toMatch(/<View className=\{`page \$\{name\}`\}>\s*<TextScale \/>/);
    for (const page of ['index', 'stations', 'events', 'me', 'event', 'ticket', 'checkin-result', 'request', 'requests']) {
      expect(`${page}: ${/<TextScale \/>|<Page name=/.test(fs.readFileSync(path.join(SRC, 'pages', page, 'index.tsx'), 'utf8'))}`).toBe(`${page}: true`);
      // Taro renders page-meta only on pages that enable it.
      expect(`${page}: ${/enablePageMeta:\s*true/.test(fs.readFileSync(path.join(SRC, 'pages', page, 'index.config.ts'), 'utf8'))}`).toBe(`${page}: true`);
    }
  });

  it('reads the large-text factor from WeChat, never shrinking text and never beyond what layouts hold', () => {
    expect(textScaleFrom({ fontSizeSetting: 17 })).toBe(1);
    expect(textScaleFrom({ fontSizeSetting: 16 })).toBe(1);
    expect(textScaleFrom({ fontSizeSetting: 22 })).toBe(1.29);
    expect(textScaleFrom({ fontSizeScaleFactor: 1.4, fontSizeSetting: 17 })).toBe(1.4);
    expect(textScaleFrom({ fontSizeSetting: 40 })).toBe(1.6);
    expect(textScaleFrom(undefined)).toBe(1);
  });

  it('draws chart labels at 24 design px or more: at least 12 px on a 375 px phone', () => {
    const css = fs.readFileSync(path.join(SRC, 'organiser', 'organiser.css'), 'utf8');
    const sizeOf = (cls: string) => Number(new RegExp(`\\.${cls}\\s*\\{[^}]*?font-size:\\s*calc\\(([\\d.]+)px`).exec(css)?.[1] ?? NaN);
    // Every text the charts draw, by its classes (e.g. org-fine-print org-chart-label): one of them sizes it.
    const charts = fs.readFileSync(path.join(SRC, 'organiser', 'components', 'Charts.tsx'), 'utf8');
    const texts = [...charts.matchAll(/<Text className='([^']+)'/g)].map((m) => m[1]);
    expect(texts.length).toBeGreaterThanOrEqual(5);
    const small = texts
      .map((classes) => ({
        classes,
        size: classes
          .split(' ')
          .map(sizeOf)
          .find((n) => !Number.isNaN(n)),
      }))
      .filter((t) => t.size === undefined || t.size < 24);
    expect(small).toEqual([]);
  });
});
