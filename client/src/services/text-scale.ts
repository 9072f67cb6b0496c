/**
 * Large text on weapp: WeChat's 「我-设置-通用-字体大小」 setting, as a factor for the app's font
 * sizes (every font-size in the app's CSS is `calc(N * var(--text-scale, 1))`). Never below 1:
 * the standard size already is the design's; at most 1.6 so that layouts still fit.
 */
export const STANDARD_FONT_PX = 17;

export function textScaleFrom(info: { fontSizeScaleFactor?: number; fontSizeSetting?: number } | null | undefined): number {
  const raw = info?.fontSizeScaleFactor ?? (info?.fontSizeSetting ? info.fontSizeSetting / STANDARD_FONT_PX : 1);
  if (!Number.isFinite(raw)) return 1;
  return Math.round(Math.min(1.6, Math.max(1, raw)) * 100) / 100;
}
