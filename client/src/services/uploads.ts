import Taro from '@tarojs/taro';
import { LIMITS, UPLOAD_LIMIT_TEXT, type CallInput, type CallResponse, type Upload, type UploadPurpose } from '@xlx/shared';
import { routeUrl, type ApiRoutes } from './api';
import { API_BASE, ApiError, httpError, networkError, type RawResponse } from './request';
import { clearToken, getToken } from './token';
import { PRIVACY_REFUSED_PHOTO, isPrivacyRefusal } from './privacy';

/** A photo picked on the phone: a local path to preview and to send. */
export interface PickedPhoto {
  path: string;
  size: number;
}

/** Photos go up on slow mobile networks: more time than a JSON call. */
const UPLOAD_TIMEOUT_MS = 60_000;
/** H5 shrinks a larger photo to this many pixels on its long side (the mini-program compresses by itself). */
const H5_MAX_SIDE = 1600;

export const PHOTO_TOO_LARGE = `照片超过 ${UPLOAD_LIMIT_TEXT}，请换一张小一些的照片，或截图后再上传`;

/**
 * Opens the album or the camera for one photo; null when the person backs out. The mini-program
 * hands back a compressed copy; H5 cannot, so it shrinks a large photo itself.
 */
export async function pickPhoto(): Promise<PickedPhoto | null> {
  let picked: PickedPhoto;
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      picked = { path: res.tempFiles[0].tempFilePath, size: res.tempFiles[0].size };
    } else {
      const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      if (!res.tempFilePaths.length) return null;
      picked = { path: res.tempFilePaths[0], size: res.tempFiles[0]?.size ?? 0 };
    }
  } catch (e) {
    const msg = (e as { errMsg?: string }).errMsg ?? '';
    if (/cancel/i.test(msg)) return null;
    if (isPrivacyRefusal(e)) throw new ApiError({ code: 'BAD_REQUEST', status: 0, message: PRIVACY_REFUSED_PHOTO });
    throw new ApiError({ code: 'BAD_REQUEST', status: 0, message: '打不开相册或相机，请在设置中允许访问照片和相机后再试' });
  }
  if (process.env.TARO_ENV === 'h5' && picked.size > LIMITS.uploadBytesMax / 2) picked = await shrinkInBrowser(picked);
  if (picked.size > LIMITS.uploadBytesMax) throw new ApiError({ code: 'PAYLOAD_TOO_LARGE', status: 413, message: PHOTO_TOO_LARGE });
  return picked;
}

/** The upload's contract (shared/src/contracts/uploads.ts): multipart, so sent with uploadFile rather than call(). */
type UploadRoute = ApiRoutes['post /api/v1/uploads'];

/** Sends a picked photo to POST /uploads as the one file of a form, with the session token. */
export async function uploadPhoto(photo: PickedPhoto, purpose: UploadPurpose): Promise<Upload> {
  const token = getToken();
  const query: CallInput<UploadRoute>['query'] = { purpose };
  let res: RawResponse;
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE}/api/v1${routeUrl('post /api/v1/uploads', { query })}`,
      filePath: photo.path,
      name: 'photo',
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: UPLOAD_TIMEOUT_MS,
    });
  } catch (err) {
    const r = err as { statusCode?: number; data?: unknown } | undefined;
    if (!r || typeof r.statusCode !== 'number' || r.statusCode < 400) throw networkError();
    res = { statusCode: r.statusCode, data: r.data };
  }
  // uploadFile hands the body back as text on every platform.
  let data: unknown = res.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      data = null;
    }
  }
  if (res.statusCode >= 200 && res.statusCode < 300 && data) return data as CallResponse<UploadRoute>;
  const error = httpError({ statusCode: res.statusCode, data, header: res.header });
  if (error.status === 401 && token) clearToken();
  throw error;
}

/** Image links come as paths on the BFF; the mini-program needs its full address. */
export function mediaUrl(path: string): string {
  return path.startsWith('/') ? `${API_BASE}${path}` : path;
}

/** H5 only: redraws a large photo as a JPEG of at most H5_MAX_SIDE pixels (dropping its metadata too). */
async function shrinkInBrowser(photo: PickedPhoto): Promise<PickedPhoto> {
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = document.createElement('img');
      el.onload = () => resolve(el);
      el.onerror = reject;
      el.src = photo.path;
    });
    const scale = Math.min(1, H5_MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.naturalWidth * scale);
    canvas.height = Math.round(img.naturalHeight * scale);
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob || blob.size >= photo.size) return photo;
    return { path: URL.createObjectURL(blob), size: blob.size };
  } catch {
    return photo;
  }
}
