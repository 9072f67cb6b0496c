import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Design tokens: every colour is named once, in client/src/styles/tokens.css (and tokens.ts, generated from it). */
const CLIENT = path.resolve(__dirname, '..');
const SRC = path.join(CLIENT, 'src');
const STYLES = path.join(SRC, 'styles');
const TOKEN_FILES = [path.join(STYLES, 'tokens.css'), path.join(STYLES, 'tokens.ts')];
const TEXT = ['.ts', '.tsx', '.js', '.jsx', '.css', '.scss', '.less', '.html', '.json', '.svg', '.wxml', '.wxss'];
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : TEXT.some((e) => d.name.endsWith(e)) ? [p] : [];
  });
// #rgb, #rgba, #rrggbb, #rrggbbaa; not an HTML entity (&#123;) or part of a word.
const HEX = /(?<![&\w])#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![\w-])/gi;
const cssTokens = () => [...fs.readFileSync(TOKEN_FILES[0], 'utf8').matchAll(/--color-([a-z0-9-]+)\s*:/g)].map((m) => m[1]);

describe('design tokens', () => {
  it('finds the colour literals it is looking for', () => {
    const sample = 'color: #fff; background: #B3121A; border-color: #11223344; &#123; #${ID}-retry #fff-ish';
    expect(sample.match(HEX)).toEqual(['#fff', '#B3121A', '#11223344']);
  });

  it('has no hex colour outside the tokens files (client/src and client/config)', () => {
    const found = [...files(SRC), ...files(path.join(CLIENT, 'config'))]
      .filter((f) => !TOKEN_FILES.includes(f))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ f, i, line })),
      )
      .flatMap(({ f, i, line }) => (line.match(HEX) ?? []).map((hex) => `${path.relative(CLIENT, f)}:${i + 1}: ${hex}`));
    expect(found).toEqual([]);
  });

  it('keeps tokens.ts what scripts/tokens.mjs generates from tokens.css', () => {
    expect(() => execFileSync(process.execPath, [path.resolve(CLIENT, '..', 'scripts', 'tokens.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('defines every var(--color-…) a stylesheet uses, and each token once', () => {
    const defined = cssTokens();
    expect(defined.length).toBe(new Set(defined).size);
    const used = new Set(
      files(SRC)
        .filter((f) => f.endsWith('.css'))
        .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/var\(--color-([a-z0-9-]+)/g)].map((m) => m[1])),
    );
    expect([...used].filter((t) => !defined.includes(t))).toEqual([]);
  });

  it('loads the tokens once, from app.css, on page (mini-program) and :root (H5)', () => {
    const imports = files(SRC).filter((f) => /\.(css|tsx?)$/.test(f) && /tokens\.css/.test(fs.readFileSync(f, 'utf8')) && !TOKEN_FILES.includes(f));
    expect(imports.map((f) => path.relative(SRC, f))).toEqual(['app.css']);
    expect(fs.readFileSync(TOKEN_FILES[0], 'utf8')).toMatch(/^page,\s*\n:root\s*\{/m);
  });
});
