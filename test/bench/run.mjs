#!/usr/bin/env node
// `npm run bench`: every benchmark against the real BFF and MariaDB, one table at the end.
// Build first (`npm run build`); needs MariaDB on 127.0.0.1:3306.
import { benchCheckin } from './checkin.mjs';
import { benchDashboard } from './dashboard.mjs';
import { benchFirstRender } from './first-render.mjs';
import { benchProvince } from './province.mjs';
import { benchRush } from './rush.mjs';
import { h5FirstPageJs, weappSizes } from './size.mjs';
import { fmt, machine } from './lib.mjs';

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const rows = [];
const checkin = await benchCheckin();
rows.push([
  'check-in requests/s (BFF / baseline Koa + mysql2)',
  `${fmt(checkin.bff.rps, 0)} / ${fmt(checkin.baseline.rps, 0)} = ${fmt(checkin.ratio, 2)}`,
  '≥ 0.7',
]);
rows.push(['check-in p99 (BFF / baseline)', `${fmt(checkin.bff.p99)} ms / ${fmt(checkin.baseline.p99)} ms`, '']);
const cpu = (x) => (x === null ? '–' : fmt(x, 2));
rows.push([
  'check-in CPU ms per request: server, database (BFF / baseline)',
  `${cpu(checkin.bff.cpuMsPerRequest.server)}, ${cpu(checkin.bff.cpuMsPerRequest.db)} / ${cpu(checkin.baseline.cpuMsPerRequest.server)}, ${cpu(checkin.baseline.cpuMsPerRequest.db)}`,
  '',
]);
const rush = await benchRush();
rows.push(['rush: 2,000 concurrent for 100 seats, time to full', `${fmt(rush.fullMs, 0)} ms`, '< 1 s']);
rows.push(['rush p99', `${fmt(rush.p99, 0)} ms`, '< 2 s']);
rows.push(['rush exact (100 confirmed, rest waitlisted, nobody twice)', rush.exact ? 'yes' : 'NO', 'every time']);
const dash = await benchDashboard();
rows.push(['dashboard API p99 with 8 at once, a year of one district', `${fmt(dash.concurrent.p99)} ms`, '< 200 ms']);
rows.push(['dashboard API p99 one at a time / first request (past days not yet made)', `${fmt(dash.sequential.p99)} ms / ${fmt(dash.firstMs)} ms`, '']);
const province = await benchProvince();
rows.push(['dashboard for a whole province (admin): p99 with 8 at once', `${fmt(province.province.concurrent.p99)} ms`, '< 200 ms']);
rows.push([
  "province: one district's dashboard p99 with 8 at once (10 M visits kept in xlx_province)",
  `${fmt(province.district.concurrent.p99)} ms`,
  '< 200 ms',
]);
const weapp = weappSizes();
rows.push(['weapp main package', kb(weapp.main), '≤ 600 KB']);
for (const [root, size] of Object.entries(weapp.subpackages)) rows.push([`weapp subpackage ${root}`, kb(size), '']);
rows.push(['H5 first page JavaScript', kb(h5FirstPageJs().bytes), '']);
const h5 = await benchFirstRender();
rows.push([
  'H5 first page over the wire (html + js + css as sent: sign-in / home)',
  `${kb(h5.wire.signIn.firstPage)} / ${kb(h5.wire.home.firstPage)}`,
  '≤ 200 KB',
]);
rows.push([
  'H5 first render on a slow phone (4× CPU, 1.6 Mbps, 150 ms RTT) to a usable sign-in / home page',
  `${fmt(h5.slow.signIn.usableMs / 1000, 1)} s / ${fmt(h5.slow.home.usableMs / 1000, 1)} s`,
  '< 2.5 s',
]);

console.log(`\nPerformance record, ${new Date().toISOString().slice(0, 10)}, ${machine()}, MariaDB on loopback`);
console.log('| measure | figure | target |');
console.log('|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (!rush.exact) process.exit(1);
