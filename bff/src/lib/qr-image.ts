import QRCode from 'qrcode';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export type Paper = 'a4' | 'a5';
const PAPER_MM: Record<Paper, { w: number; h: number }> = { a4: { w: 210, h: 297 }, a5: { w: 148, h: 210 } };
const FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif";

export interface PosterText {
  unionName: string;
  stationName: string;
  /** The typeable fallback, printed under the code. */
  typedCode: string;
  /** The one line of instructions. */
  instruction?: string;
}

/**
 * The station poster, at the paper's real size in millimetres so it prints 1:1 (A4 or A5,
 * portrait): union and station name, the QR code of the link, the typeable fallback and one line
 * of instructions. The code takes 70% of the paper's width: on A4 a version 4 code (33 modules +
 * quiet zone) has 4 mm modules, which a phone reads from well over a metre away. SVG prints
 * sharp at any size and needs no image library.
 */
export async function posterSvg(link: string, text: PosterText, paper: Paper = 'a4', wxacodePng?: Buffer): Promise<string> {
  const { w, h } = PAPER_MM[paper];
  const u = w / 210; // layout unit: 1 at A4 width
  const qrSize = w * 0.7;
  const qrX = (w - qrSize) / 2;
  const qrY = 62 * u;
  // A mini-program code (小程序码, round) opens only in WeChat; the QR of the link opens anywhere.
  const qr = wxacodePng
    ? `<image x="${qrX.toFixed(1)}" y="${qrY.toFixed(1)}" width="${qrSize.toFixed(1)}" height="${qrSize.toFixed(1)}" href="data:image/png;base64,${wxacodePng.toString('base64')}"/>`
    : (await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).replace(
        /^<svg /,
        `<svg x="${qrX.toFixed(1)}" y="${qrY.toFixed(1)}" width="${qrSize.toFixed(1)}" height="${qrSize.toFixed(1)}" `,
      );
  const line = (y: number, size: number, s: string, opts: { bold?: boolean; fill?: string; spacing?: number } = {}) =>
    `<text x="${(w / 2).toFixed(1)}" y="${(y * u).toFixed(1)}" font-size="${(size * u).toFixed(2)}" ${opts.bold ? 'font-weight="bold" ' : ''}${
      opts.spacing ? `letter-spacing="${(opts.spacing * u).toFixed(2)}" ` : ''
    }text-anchor="middle" font-family="${FONT}" fill="${opts.fill ?? '#111'}">${escapeXml(s)}</text>`;
  const below = qrY / u + qrSize / u;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}">`,
    // Browsers that print the SVG itself take the page size from here.
    `<style>@page { size: ${paper.toUpperCase()} portrait; margin: 0 }</style>`,
    `<rect width="${w}" height="${h}" fill="#ffffff"/>`,
    `<rect width="${w}" height="${(14 * u).toFixed(1)}" fill="#b3121a"/>`,
    line(10, 7, text.unionName, { fill: '#ffffff', bold: true }),
    line(36, 13, text.stationName, { bold: true }),
    line(52, 8.5, '职工驿站 · 扫码签到', { fill: '#b3121a' }),
    qr,
    line(below + 12, 9, text.instruction ?? (wxacodePng ? '打开微信“扫一扫”扫码签到' : '打开微信“扫一扫”或手机相机扫码签到'), { bold: true }),
    line(below + 24, 6, '扫不了？打开心连新小程序“扫码签到”，输入签到码：', { fill: '#555' }),
    line(below + 38, 12, text.typedCode, { bold: true, spacing: 1.5 }),
    '</svg>',
  ].join('');
}

/** Just the code, for screens (kiosk) where the page draws the rest. */
export function qrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

/** A PNG of the code, large enough to scan from a phone screen held up at a door. */
export function qrPng(payload: string, size = 480): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: size });
}

export interface EventPosterText {
  unionName: string;
  title: string;
  /** "11月30日 14:00–16:00" as people read it. */
  time: string;
  venue: string;
}

/**
 * An event's share poster (A5 portrait, 1:1 in millimetres): title, time, venue and the QR code of
 * the event page's link, to print or send as a picture; anyone scanning it lands on the event.
 */
export async function eventPosterSvg(link: string, text: EventPosterText, coverJpeg?: Buffer | null): Promise<string> {
  const { w, h } = PAPER_MM.a5;
  // With a cover, a 42 mm band of it under the union's name pushes the text down and the code shrinks.
  const band = coverJpeg ? 42 : 0;
  const qrSize = coverJpeg ? 60 : w * 0.6;
  const qrX = (w - qrSize) / 2;
  const qrY = 92 + band;
  const qr = (await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).replace(
    /^<svg /,
    `<svg x="${qrX.toFixed(1)}" y="${qrY}" width="${qrSize.toFixed(1)}" height="${qrSize.toFixed(1)}" `,
  );
  const line = (y: number, size: number, s: string, opts: { bold?: boolean; fill?: string } = {}) =>
    `<text x="${(w / 2).toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" ${opts.bold ? 'font-weight="bold" ' : ''}text-anchor="middle" font-family="${FONT}" fill="${opts.fill ?? '#111'}">${escapeXml(s)}</text>`;
  // Long titles take two lines of at most 14 characters each.
  const title = [...text.title];
  const titleLines = title.length > 14 ? [title.slice(0, 14).join(''), title.slice(14, 28).join('') + (title.length > 28 ? '…' : '')] : [text.title];
  const venue = [...text.venue].length > 24 ? `${[...text.venue].slice(0, 23).join('')}…` : text.venue;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}">`,
    `<style>@page { size: A5 portrait; margin: 0 }</style>`,
    `<rect width="${w}" height="${h}" fill="#ffffff"/>`,
    `<rect width="${w}" height="12" fill="#b3121a"/>`,
    line(8.5, 5.5, text.unionName, { fill: '#ffffff', bold: true }),
    ...(coverJpeg
      ? [
          `<image x="0" y="12" width="${w}" height="${band}" preserveAspectRatio="xMidYMid slice" href="data:image/jpeg;base64,${coverJpeg.toString('base64')}"/>`,
        ]
      : []),
    ...titleLines.map((t, i) => line(30 + band + i * 11, 9, t, { bold: true })),
    line(62 + band, 6, `时间：${text.time}`),
    line(74 + band, 6, `地点：${venue}`),
    qr,
    line(qrY + qrSize + 10, 6, '微信或手机相机扫码，查看活动并报名', { bold: true, fill: '#b3121a' }),
    '</svg>',
  ].join('');
}
