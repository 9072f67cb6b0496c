/**
 * A User-Agent header summarised for people: "Chrome · Windows", "微信内置浏览器 · iPhone".
 * Only the browser family and the system; versions and the rest are dropped.
 */
export function describeUserAgent(ua: string | undefined | null): string {
  const s = (ua ?? '').slice(0, 512);
  const browser = /MicroMessenger/i.test(s)
    ? '微信内置浏览器'
    : /Edg(e|A|iOS)?\//.test(s)
      ? 'Edge'
      : /OPR\/|Opera/.test(s)
        ? 'Opera'
        : /QQBrowser/i.test(s)
          ? 'QQ浏览器'
          : /UCBrowser/i.test(s)
            ? 'UC浏览器'
            : /Firefox\/|FxiOS/.test(s)
              ? 'Firefox'
              : /Chrome\/|CriOS|Chromium\//.test(s)
                ? 'Chrome'
                : /Safari\//.test(s)
                  ? 'Safari'
                  : '浏览器';
  const system = /iPhone/.test(s)
    ? 'iPhone'
    : /iPad/.test(s)
      ? 'iPad'
      : /Android/.test(s)
        ? 'Android'
        : /Windows/.test(s)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(s)
            ? 'macOS'
            : /CrOS/.test(s)
              ? 'ChromeOS'
              : /Linux/.test(s)
                ? 'Linux'
                : '';
  return system ? `${browser} · ${system}` : browser;
}
