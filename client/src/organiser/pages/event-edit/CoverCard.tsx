import { useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { UPLOAD_LIMIT_TEXT, type Event } from '@xlx/shared';
import { organiserService } from '@/services/organiser';
import { errorMessage } from '@/services/request';
import { mediaUrl, pickPhoto, uploadPhoto } from '@/services/uploads';
import { toast } from '@/ui/toast';
import { BusyButton, Section } from '@/organiser/components/Kit';

interface Props {
  /** The saved event (a new one has no cover until it is saved). */
  event: Event | null;
}

/**
 * The event's cover: picked, sent to /uploads?purpose=event and set on the event at once (a
 * replaced cover is deleted by the server). Shown at the top of the event page and on share cards.
 */
export default function CoverCard({ event }: Props) {
  const [busy, setBusy] = useState<'' | 'upload' | 'remove'>('');
  const [error, setError] = useState('');
  // Kept apart from the form: setting the cover saves at once and must not reset unsaved edits.
  const [cover, setCover] = useState<Event['cover']>(event?.cover ?? null);
  useEffect(() => setCover(event?.cover ?? null), [event]);

  const choose = async () => {
    if (!event || busy) return;
    setError('');
    try {
      const photo = await pickPhoto();
      if (!photo) return;
      setBusy('upload');
      const up = await uploadPhoto(photo, 'event');
      setCover((await organiserService.updateEvent(event.id, { coverId: up.id })).cover);
      toast('封面已更新', 'success');
    } catch (e) {
      setError(`${errorMessage(e)}。原来的封面没有改动。`);
    } finally {
      setBusy('');
    }
  };

  const remove = async () => {
    if (!event || !cover || busy) return;
    const { confirm } = await Taro.showModal({
      title: '删除封面',
      content: '删除后活动页和分享卡片改用默认图片。确定删除吗？',
      confirmText: '删除',
      cancelText: '保留',
    });
    if (!confirm) return;
    setBusy('remove');
    setError('');
    try {
      setCover((await organiserService.updateEvent(event.id, { coverId: null })).cover);
      toast('封面已删除', 'success');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy('');
    }
  };

  return (
    <Section title='活动封面' id='event-cover-card'>
      {!event ? (
        <Text className='muted'>保存活动后即可添加封面图片。</Text>
      ) : (
        <View>
          {cover ? (
            <View className='org-cover'>
              <Image id='event-cover-preview' className='org-cover-image' src={mediaUrl(cover.url)} mode='aspectFill' ariaLabel={`${event.title}的封面图片`} />
            </View>
          ) : (
            <Text className='muted'>还没有封面：活动页和分享卡片显示默认图片。</Text>
          )}
          {cover?.state === 'checking' ? (
            <Text className='field-hint' id='event-cover-checking'>
              封面审核中：通过微信内容安全检查后，工友才能看到
            </Text>
          ) : null}
          <Text className='field-hint'>{`建议横图（16:9），JPEG、PNG 或 WebP，不超过 ${UPLOAD_LIMIT_TEXT}；照片中的位置信息会被去掉。`}</Text>
          <View className='org-cover-actions'>
            <BusyButton
              id='event-cover-choose'
              tone='secondary'
              busy={busy === 'upload'}
              disabled={Boolean(busy)}
              spin={false}
              className='org-btn-small'
              onClick={() => void choose()}
            >
              {busy === 'upload' ? '正在上传…' : cover ? '更换封面' : '添加封面'}
            </BusyButton>
            {cover ? (
              <Button id='event-cover-remove' className='btn btn-secondary org-btn-small' disabled={Boolean(busy)} onClick={() => void remove()}>
                {busy === 'remove' ? '正在删除…' : '删除封面'}
              </Button>
            ) : null}
          </View>
          {error ? (
            <Text className='field-error' id='event-cover-error'>
              {error}
            </Text>
          ) : null}
        </View>
      )}
    </Section>
  );
}
