import QRCode from 'qrcode';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * A printable SVG: the QR code, the station's name under it and what to do. SVG prints sharp
 * at any size and needs no image library; browsers save it or print it directly.
 */
export async function printableQrSvg(payload: string, title: string, subtitle = '打开微信扫一扫 · 心连新签到'): Promise<string> {
  const qr = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const inner = qr.replace(/^<svg /, '<svg x="40" y="40" width="520" height="520" ');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="720" viewBox="0 0 600 720">',
    '<rect width="600" height="720" fill="#ffffff"/>',
    inner,
    `<text x="300" y="620" font-size="40" font-weight="bold" text-anchor="middle" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" fill="#111">${escapeXml(title)}</text>`,
    `<text x="300" y="675" font-size="26" text-anchor="middle" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" fill="#555">${escapeXml(subtitle)}</text>`,
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
