/**
 * The mini-program's side of the browser camera scanner: it scans with Taro.scanCode and never
 * opens this one. The H5 build uses `camera-scan.h5.ts`, so that neither the viewfinder nor the
 * QR decoder ever enters the mini-program's package.
 */
export class CameraError extends Error {}

export async function scanWithBrowserCamera(_title?: string): Promise<string | null> {
  throw new CameraError('请使用小程序的扫码功能');
}
