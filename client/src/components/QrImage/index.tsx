import { Image } from '@tarojs/components';
import { API_BASE } from '../../services/request';

interface Props {
  /** One of our QR payloads (ticket, printed or rotating code); the BFF draws it. */
  payload: string;
  /** Rendered size in rpx (square). */
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
      style={{ width: `${size}rpx`, height: `${size}rpx`, background: '#fff' }}
      mode='aspectFit'
      showMenuByLongpress
    />
  );
}
