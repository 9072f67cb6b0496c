import { Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { API_BASE } from '@/services/request';
import { color } from '@/styles/tokens';

interface Props {
  /** One of our QR payloads (ticket, printed or rotating code); the BFF draws it. */
  payload: string;
  /** Rendered size in design pixels of the 750-wide layout (square). */
  size?: number;
  id?: string;
}

/** A QR code drawn by the BFF as a PNG: no QR encoder in the mini-program bundle. */
export default function QrImage({ payload, size = 520, id }: Props) {
  return (
    <Image
      id={id}
      className='qr-image'
      src={`${API_BASE}/api/v1/qr/${encodeURIComponent(payload)}.png`}
      // pxTransform: rpx on the mini-program, rem on H5 (a raw "rpx" in an inline style means nothing to a browser).
      style={{ width: Taro.pxTransform(size), height: Taro.pxTransform(size), background: color.surface }}
      mode='aspectFit'
      ariaLabel='二维码'
      showMenuByLongpress
    />
  );
}
