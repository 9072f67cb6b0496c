import { useRef } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { UploadPurpose } from '@xlx/shared';
import { errorMessage } from '@/services/request';
import { mediaUrl, pickPhoto, uploadPhoto, type PickedPhoto } from '@/services/uploads';
import './index.css';
import Icon from '@/ui/Icon';

/** One photo of a form: on its way up, up (with its upload id), or failed. */
export interface PhotoItem {
  key: string;
  /** What the tile shows: the file on the phone, or the server's link for a photo saved before. */
  src: string;
  status: 'uploading' | 'done' | 'failed';
  /** The upload id, once up: what the form sends. */
  id?: string;
  /** Why it failed and what to do. */
  error?: string;
  /** The file on the phone, to try again. */
  local?: PickedPhoto;
}

/** The form's setState for its photos: uploads finish after the picker's render, so it takes updaters. */
export type PhotoItemsUpdate = (update: (items: PhotoItem[]) => PhotoItem[]) => void;

/** Photos saved before, as the form starts with them. */
export function savedPhotos(ids: string[], urls: string[]): PhotoItem[] {
  return ids.map((id, i) => ({ key: id, id, src: urls[i], status: 'done' }));
}

/** Upload ids of the photos that are up, in the order shown. */
export function uploadedIds(items: PhotoItem[]): string[] {
  return items.filter((i) => i.status === 'done' && i.id).map((i) => i.id!);
}

/** What keeps the form from being sent: a photo still going up, or one that failed. */
export function photoProblem(items: PhotoItem[]): string | null {
  if (items.some((i) => i.status === 'uploading')) return '照片还在上传，请等上传完成后再提交';
  if (items.some((i) => i.status === 'failed')) return '有照片没有上传成功：点照片重试，或点“删除”去掉它';
  return null;
}

interface Props {
  purpose: UploadPurpose;
  max: number;
  items: PhotoItem[];
  onChange: PhotoItemsUpdate;
  /** Ids for tests: `<idPrefix>-add`, `<idPrefix>-0`, `<idPrefix>-remove-0`, `<idPrefix>-error`. */
  idPrefix: string;
  /** Under the add tile: what the photo is for. */
  hint?: string;
}

/** Add photos from the album or camera; each goes up at once, with its state on its tile. */
export default function PhotoPicker({ purpose, max, items, onChange, idPrefix, hint }: Props) {
  const seq = useRef(0);
  const single = max === 1;

  const patch = (key: string, change: Partial<PhotoItem>) => onChange((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const send = async (key: string, local: PickedPhoto) => {
    patch(key, { status: 'uploading', error: undefined });
    try {
      const up = await uploadPhoto(local, purpose);
      patch(key, { status: 'done', id: up.id });
    } catch (e) {
      patch(key, { status: 'failed', error: errorMessage(e) });
    }
  };

  const add = async () => {
    let local: PickedPhoto | null;
    try {
      local = await pickPhoto();
    } catch (e) {
      await Taro.showModal({ title: '没能添加照片', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
      return;
    }
    if (!local) return;
    const key = `new-${Date.now()}-${seq.current++}`;
    const picked = local;
    onChange((list) => [...list, { key, src: picked.path, status: 'uploading', local: picked }]);
    await send(key, picked);
  };

  const tap = (item: PhotoItem) => {
    if (item.status === 'failed' && item.local) return void send(item.key, item.local);
    if (item.status !== 'done') return;
    const urls = items.filter((i) => i.status === 'done').map((i) => mediaUrl(i.src));
    void Taro.previewImage({ current: mediaUrl(item.src), urls });
  };

  const remove = (key: string) => onChange((list) => list.filter((i) => i.key !== key));
  const failed = items.find((i) => i.status === 'failed');

  return (
    <View className={`pp ${single ? 'pp-single' : 'pp-grid'}`} id={idPrefix}>
      {items.map((item, index) => (
        <View key={item.key} className='pp-item'>
          <View id={`${idPrefix}-${index}`} className={`pp-tile pp-${item.status}`} onClick={() => tap(item)}>
            <Image className='pp-image' src={mediaUrl(item.src)} mode='aspectFill' ariaLabel={`照片${index + 1}，点按查看或删除`} />
            {item.status !== 'done' ? (
              <View className='pp-overlay' id={`${idPrefix}-status-${index}`}>
                <Text>{item.status === 'uploading' ? '正在上传…' : '上传失败\n点此重试'}</Text>
              </View>
            ) : null}
          </View>
          {single ? (
            <Button id={`${idPrefix}-remove-${index}`} className='btn btn-secondary pp-remove-wide' onClick={() => remove(item.key)}>
              删除照片
            </Button>
          ) : (
            <View id={`${idPrefix}-remove-${index}`} className='pp-remove' onClick={() => remove(item.key)}>
              <Text>删除</Text>
            </View>
          )}
        </View>
      ))}
      {items.length < max ? (
        <View id={`${idPrefix}-add`} className='pp-add' hoverClass='pp-add-active' onClick={() => void add()}>
          <Icon name='camera' className='pp-add-icon' />
          <Text className='text-strong'>添加照片</Text>
          {!single ? (
            <Text className='text-faint'>
              {items.length}/{max}
            </Text>
          ) : null}
        </View>
      ) : null}
      {failed ? (
        <Text className='field-error pp-message' id={`${idPrefix}-error`}>
          {failed.error}。点照片重试，或删除后再提交。
        </Text>
      ) : hint ? (
        <Text className='field-hint pp-message'>{hint}</Text>
      ) : null}
    </View>
  );
}
