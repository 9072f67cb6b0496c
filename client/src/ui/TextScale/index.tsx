import { PageMeta } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { textScaleFrom } from '@/services/text-scale';

let cached: number | null = null;

function systemTextScale(): number {
  if (cached !== null) return cached;
  try {
    const t = Taro as unknown as { getAppBaseInfo?: () => { fontSizeScaleFactor?: number; fontSizeSetting?: number } };
    cached = textScaleFrom(t.getAppBaseInfo ? t.getAppBaseInfo() : Taro.getSystemInfoSync());
  } catch {
    cached = 1;
  }
  return cached;
}

/**
 * Put first in a page: on weapp it sets the page's --text-scale from the system font size (large
 * text follows 微信 字体大小), which every font size in the CSS multiplies by. H5 follows the
 * browser's own zoom instead, so it renders nothing there.
 */
export default function TextScale() {
  if (process.env.TARO_ENV !== 'weapp') return null;
  return <PageMeta pageStyle={`--text-scale: ${systemTextScale()}`} />;
}
