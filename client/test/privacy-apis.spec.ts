// WeChat disables a privacy-relevant API unless the console's 用户隐私保护指引 declares the
// information it handles, and review compares the declaration with the code. README.md lists
// every such API the client calls ("Privacy-relevant APIs"); this keeps that list true.
import fs from 'node:fs';
import path from 'node:path';
import catalogue from '../config/privacy-apis.json';

const root = path.resolve(__dirname, '..', '..');
const src = path.join(root, 'client', 'src');

interface Item {
  info: string;
  apis: string[];
  openTypes: string[];
  components: string[];
  scopes?: string[];
}
const items = catalogue.items as Item[];

/** Names as the README writes them: `wx.getLocation`, `open-type="getPhoneNumber"`, `<camera>`, `scope.camera`. */
function privacyApisIn(code: string): Set<string> {
  const found = new Set<string>();
  for (const item of items) {
    for (const api of item.apis) {
      // MapContext.moveToLocation is a method of a context object, the rest are wx.* / Taro.*.
      const re = api === 'moveToLocation' ? /\.moveToLocation\s*\(/ : new RegExp(`\\b(?:Taro|wx)\\.${api}\\s*\\(`);
      if (re.test(code)) found.add(`wx.${api}`);
    }
    for (const t of item.openTypes) {
      if (new RegExp(`(?:openType|open-type)\\s*=\\s*\\{?\\s*['"]${t}['"]`).test(code)) found.add(`open-type="${t}"`);
    }
    for (const c of item.components) {
      if (new RegExp(`<${c}[\\s/>]`).test(code)) found.add(`<${c.replace(/[A-Z]/g, (m, i) => (i ? '-' : '') + m.toLowerCase())}>`);
    }
    for (const s of item.scopes ?? []) {
      if (new RegExp(`authorize\\s*\\(\\s*\\{[^}]*scope\\s*:\\s*['"]${s.replace('.', '\\.')}['"]`).test(code)) found.add(s);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(tsx?|jsx?)$/.test(e.name) ? [p] : [];
  });
}

/** Privacy-relevant API -> the client files that use it. */
function usedInClient(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    for (const name of privacyApisIn(fs.readFileSync(file, 'utf8'))) {
      used.set(name, [...(used.get(name) ?? []), path.relative(root, file)]);
    }
  }
  return used;
}

/** The names in README.md's "Privacy-relevant APIs" section (first column of its table). */
function listedInReadme(): Set<string> {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.search(/^#+ Privacy-relevant APIs/m);
  if (start < 0) throw new Error('README.md has no "Privacy-relevant APIs" section');
  const rest = readme.slice(start);
  const bodyAt = rest.indexOf('\n') + 1;
  const next = rest.slice(bodyAt).search(/^#+ /m);
  const section = next < 0 ? rest : rest.slice(0, bodyAt + next);
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const cell = /^\|\s*([^|]+)\|/.exec(line)?.[1];
    if (!cell) continue;
    for (const m of cell.matchAll(/`([^`]+)`/g)) names.add(m[1]);
  }
  return names;
}

describe('privacy-relevant APIs', () => {
  it('finds each kind of use (the scan is not blind)', () => {
    const code = [
      'const r = await Taro.chooseMedia({ count: 1 });',
      "wx.getLocation({ type: 'gcj02' })",
      "<Button openType='getPhoneNumber' onGetPhoneNumber={f}>",
      '<Camera devicePosition="back" />',
      "Taro.authorize({ scope: 'scope.writePhotosAlbum' })",
      'mapContext.moveToLocation()',
      // Not privacy-relevant: WeChat's own scanner, a plain mention.
      'await Taro.scanCode({}); // getClipboardData is not called here',
    ].join('\n');
    expect([...privacyApisIn(code)].sort()).toEqual(
      ['<camera>', 'open-type="getPhoneNumber"', 'scope.writePhotosAlbum', 'wx.chooseMedia', 'wx.getLocation', 'wx.moveToLocation'].sort(),
    );
  });

  it('lists in README.md exactly the ones client/src uses', () => {
    const used = usedInClient();
    const listed = listedInReadme();
    const undeclared = [...used.keys()].filter((n) => !listed.has(n)).map((n) => `${n} (used in ${used.get(n)!.join(', ')})`);
    const unused = [...listed].filter((n) => !used.has(n));
    expect({ undeclared, unused }).toEqual({ undeclared: [], unused: [] });
    // What the client does today: nearby stations and location-checked sign-in, picking places,
    // photos, saving a QR code, copying. A scan that found nothing would pass the line above.
    expect([...used.keys()].sort()).toEqual(
      expect.arrayContaining(['wx.getLocation', 'wx.chooseLocation', 'wx.chooseMedia', 'wx.saveImageToPhotosAlbum', 'wx.setClipboardData']),
    );
  });

  it('declares in app.json requiredPrivateInfos every location API the client calls', () => {
    const config = fs.readFileSync(path.join(src, 'app.config.ts'), 'utf8');
    const declared = /requiredPrivateInfos:\s*\[([^\]]*)\]/.exec(config)?.[1] ?? '';
    const used = usedInClient();
    const locationApis = [
      'getLocation',
      'chooseLocation',
      'getFuzzyLocation',
      'choosePoi',
      'chooseAddress',
      'startLocationUpdate',
      'startLocationUpdateBackground',
    ];
    for (const api of locationApis) {
      if (used.has(`wx.${api}`)) expect(declared).toContain(`'${api}'`);
    }
  });
});
