/**
 * Scans a QR code with the browser's camera (H5). The scanner is loaded only when asked, so the
 * first page does not carry it. Resolves with the code, or null when the person closed the
 * viewfinder; rejects with an Error whose message says what to do instead (type the code).
 */
export async function scanInBrowser(title: string): Promise<string | null> {
  let scanner: typeof import('./camera-scan');
  try {
    scanner = await import(/* webpackChunkName: "camera-scan" */ './camera-scan');
  } catch {
    throw new Error('扫码组件加载失败，请检查网络后重试，或直接输入二维码下方的字符');
  }
  return scanner.scanWithBrowserCamera(title);
}

/** The message to show when the camera could not be used. */
export function cameraFailure(e: unknown): string {
  return e instanceof Error && e.message ? e.message : '无法打开相机，请直接输入二维码下方的字符';
}
