import { Image } from '@tarojs/components';
import type { ImageProps } from '@tarojs/components/types/Image';
import Taro from '@tarojs/taro';
import { mediaUrl } from '@/services/uploads';

interface Props {
  id?: string;
  className?: string;
  mode: ImageProps['mode'];
  /** The photo's path or address (as the server gives it). */
  url: string;
  /** What the photo is, for screen readers (诉求照片): they hear "<label>，点按放大". */
  label: string;
  /** The photos it belongs to, swiped through full screen (default: this one alone). */
  gallery?: string[];
}

/** A photo that opens full screen when tapped (previewImage). */
export default function ZoomPhoto({ url, label, gallery, ...image }: Props) {
  const src = mediaUrl(url);
  const urls = gallery ? gallery.map(mediaUrl) : [src];
  return <Image {...image} src={src} ariaLabel={`${label}，点按放大`} onClick={() => void Taro.previewImage({ current: src, urls })} />;
}
