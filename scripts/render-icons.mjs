// Renders the app's line icons (client/src/assets/icons/*.png) from the SVG below with Chromium.
// PNG, not emoji: older phones draw emoji they do not know as empty boxes. Run: node scripts/render-icons.mjs
import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { decode, encodePalette } from './png-palette.mjs';

const GREY = '#6b7280';
const s = (body, colour = GREY) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="96" height="96" fill="none" stroke="${colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const ICONS = {
  warning: s('<path d="M12 3 2 21h20L12 3z"/><path d="M12 10v5"/><circle cx="12" cy="18" r=".6" fill="#b26a00"/>', '#b26a00'),
  lock: s('<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>'),
  pin: s('<path d="M12 22s7-6.2 7-12a7 7 0 0 0-14 0c0 5.8 7 12 7 12z"/><circle cx="12" cy="10" r="2.5"/>'),
  clock: s('<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>'),
  search: s('<circle cx="11" cy="11" r="7"/><path d="m20 20-4-4"/>'),
  chat: s('<path d="M4 5h16v11H9l-5 4V5z"/><path d="M8 10h8M8 13h5"/>'),
  heart: s('<path d="M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z"/>', '#c2185b'),
  ticket: s('<path d="M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4V7z"/><path d="M14 7v10" stroke-dasharray="2 2"/>'),
  bell: s('<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2z"/><path d="M10 20a2 2 0 0 0 4 0"/>'),
  card: s('<rect x="3" y="5" width="18" height="14" rx="2"/><circle cx="9" cy="11" r="2"/><path d="M6 16c.8-1.5 5.2-1.5 6 0M15 10h3M15 13h3"/>'),
  ok: s('<circle cx="12" cy="12" r="9"/><path d="m8 12 3 3 5-6"/>', '#2e7d32'),
  cross: s('<circle cx="12" cy="12" r="9"/><path d="m9 9 6 6M15 9l-6 6"/>', '#c62828'),
  inbox: s('<path d="M3 13 6 5h12l3 8v6H3v-6z"/><path d="M3 13h5l1 2h6l1-2h5"/>'),
  user: s('<circle cx="12" cy="8" r="4"/><path d="M4 21c1-4 4-6 8-6s7 2 8 6"/>'),
  chart: s('<path d="M4 20V4M4 20h16"/><path d="M8 16v-5M12 16V8M16 16v-3"/>'),
  camera: s('<path d="M4 8h4l2-3h4l2 3h4v11H4V8z"/><circle cx="12" cy="13" r="3.5"/>'),
  shield: s('<path d="M12 3 5 6v6c0 4.5 3 7.5 7 9 4-1.5 7-4.5 7-9V6l-7-3z"/><path d="m9 12 2 2 4-4"/>'),
  edit: s('<path d="M4 20h4L19 9l-4-4L4 16v4z"/><path d="m13 7 4 4"/>'),
  calendar: s('<rect x="4" y="5" width="16" height="15" rx="2"/><path d="M4 10h16M9 3v4M15 3v4"/>'),
  block: s('<circle cx="12" cy="12" r="9"/><path d="m6 6 12 12"/>'),
  hourglass: s('<path d="M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9"/>'),
  star: s('<path d="m12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9L12 3z"/>', '#b3121a'),
  sprout: s('<path d="M12 21v-8"/><path d="M12 13c0-4-3-6-7-6 0 4 3 6 7 6zM12 11c0-3 2-5 6-5 0 3-2 5-6 5z"/>', '#2e7d32'),
  key: s('<circle cx="8" cy="14" r="4"/><path d="m11 11 9-9M17 5l2 2M15 7l2 2"/>'),
  home: s('<path d="M3 11 12 4l9 7"/><path d="M5 10v10h14V10"/><path d="M10 20v-5h4v5"/>'),
  list: s('<path d="M9 6h11M9 12h11M9 18h11"/><circle cx="5" cy="6" r="1"/><circle cx="5" cy="12" r="1"/><circle cx="5" cy="18" r="1"/>'),
  smile: s('<circle cx="12" cy="12" r="9"/><path d="M8 14c1 1.5 2.3 2 4 2s3-.5 4-2"/><circle cx="9" cy="10" r=".6"/><circle cx="15" cy="10" r=".6"/>'),
  tick: s('<path d="m5 12 5 5 9-10"/>', '#ffffff'),
  x: s('<path d="m6 6 12 12M18 6 6 18"/>', '#ffffff'),
  close: s('<path d="m6 6 12 12M18 6 6 18"/>'),
};

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'client', 'src', 'assets', 'icons');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 96, height: 96 } });
  for (const [name, svg] of Object.entries(ICONS)) {
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    // One colour at many alpha levels: a palette PNG holds it exactly in a third of the bytes.
    const rendered = await page.locator('svg').screenshot({ omitBackground: true });
    fs.writeFileSync(path.join(out, `${name}.png`), encodePalette(decode(rendered)).png);
  }
  await browser.close();
  console.log(`rendered ${Object.keys(ICONS).length} icons to ${out}`);
}
