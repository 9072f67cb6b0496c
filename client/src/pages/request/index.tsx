import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { LIMITS, REQUEST_CATEGORY_LABELS, ReplyInputSchema, type WorkerRequest } from '@xlx/shared';
import Badge from '@/ui/Badge';
import TextField, { SubmitButton } from '@/ui/TextField';
import { ApiError, isApiError } from '@/services/request';
import { showActionError } from '@/ui/toast';
import { requestsService } from '@/services/requests';
import ZoomPhoto from '@/ui/ZoomPhoto';
import { chinaDateTimeText } from '@/lib/format';
import { awaitsRating, requestDueText, requestStatusView } from '@/pages/requests/format';
import { useData } from '@/lib/useData';
import { RefreshNotice } from '@/ui/PageState';
import './index.css';
import Page from '@/ui/Page';
import LoadPage from '@/ui/LoadPage';

export default function RequestPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const remote = useData<WorkerRequest>(async () => {
    if (!Number.isInteger(id) || id <= 0) throw new ApiError({ code: 'NOT_FOUND', status: 404, message: '链接不完整，请从“我的诉求”重新进入' });
    return requestsService.getMine(id);
  });
  const req = remote.data;
  const setReq = remote.setData;
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState('');
  const [sending, setSending] = useState(false);
  const [rating, setRating] = useState<boolean | null>(null);

  const send = async () => {
    if (!req || sending) return;
    const parsed = ReplyInputSchema.safeParse({ text: reply });
    if (!parsed.success) {
      setReplyError(parsed.error.issues[0]?.message ?? '请输入补充内容');
      return;
    }
    setSending(true);
    try {
      setReq(await requestsService.reply(req.id, parsed.data.text));
      setReply('');
      setReplyError('');
      await Taro.showToast({ title: '已发送', icon: 'success' });
    } catch (e) {
      if (isApiError(e) && e.fieldErrors.text) setReplyError(e.fieldErrors.text);
      else await showActionError(e, '发送未成功');
      if (isApiError(e) && e.code === 'CONFLICT') void remote.reload(true);
    } finally {
      setSending(false);
    }
  };

  const rate = async (satisfied: boolean) => {
    if (!req || rating !== null) return;
    setRating(satisfied);
    try {
      setReq(await requestsService.rate(req.id, satisfied));
      await Taro.showToast({ title: '谢谢您的评价', icon: 'success' });
    } catch (e) {
      await showActionError(e, '评价未成功');
      void remote.reload(true);
    } finally {
      setRating(null);
    }
  };

  if (!req) return <LoadPage id='request' remote={remote} title='诉求没加载出来' />;

  const r = req;
  const s = requestStatusView(r);
  const closed = r.status === 'closed';

  return (
    <Page name='request'>
      <RefreshNotice remote={remote} />

      <View className='card'>
        <View className='row-between card-top'>
          <Text className='card-kind'>{REQUEST_CATEGORY_LABELS[r.category]}</Text>
          <View className='row badges'>
            {r.overdue ? (
              <Badge look='pill' tone='red' id='request-overdue'>
                逾期
              </Badge>
            ) : null}
            <Badge look='pill' tone={s.tone} id='request-status' large>
              {s.text}
            </Badge>
          </View>
        </View>
        <Text className='text-body rd-text' id='request-text-view' userSelect>
          {r.text}
        </Text>
        {r.photoUrl ? <ZoomPhoto id='request-photo-view' className='rd-photo' url={r.photoUrl} mode='aspectFill' label='诉求照片' /> : null}
        {r.photoCheck === 'checking' ? (
          <Text id='request-photo-checking' className='muted'>
            照片审核中：通过微信内容安全检查后，工会工作人员才能看到；文字内容已送达
          </Text>
        ) : null}
        {r.photoCheck === 'risky' ? (
          <Text id='request-photo-risky' className='muted'>
            照片未通过微信内容安全检查，已隐藏；文字内容已送达，如需补充可在下方留言
          </Text>
        ) : null}
        <View className='info-line rd-line'>
          <Text className='info-label rd-line-label'>反映给</Text>
          <Text className='info-value rd-line-value'>{r.organisationName}</Text>
        </View>
        <View className='info-line rd-line'>
          <Text className='info-label rd-line-label'>提交于</Text>
          <Text className='info-value rd-line-value'>{chinaDateTimeText(r.createdAt)}</Text>
        </View>
        <View className='info-line rd-line'>
          <Text className='info-label rd-line-label'>进度</Text>
          <Text id='request-due' className={`info-value rd-line-value ${r.overdue ? 'rd-overdue' : ''}`}>
            {requestDueText(r)}
          </Text>
        </View>
      </View>

      {awaitsRating(r) ? (
        <View className='card rd-rate' id='request-rate'>
          <Text className='section-title rd-block'>问题解决了吗？</Text>
          <Text className='muted rd-block'>您的评价会计入工会的服务考核，只能评价一次。</Text>
          <View className='btn-pair'>
            {/* Equal weight: neither answer is the suggested one. */}
            {[true, false].map((yes) => (
              <Button
                key={String(yes)}
                id={yes ? 'request-rate-yes' : 'request-rate-no'}
                className={`btn btn-secondary ${rating === yes ? 'btn-busy' : ''}`}
                disabled={rating !== null}
                onClick={() => void rate(yes)}
              >
                {rating === yes ? '正在提交…' : yes ? '满意' : '不满意'}
              </Button>
            ))}
          </View>
        </View>
      ) : r.rating ? (
        <View className='card rd-rated' id='request-rating'>
          <Text>您的评价：{r.rating === 'satisfied' ? '满意' : '不满意'}</Text>
        </View>
      ) : null}

      <View className='card' id='request-thread'>
        <Text className='section-title rd-block'>沟通记录</Text>
        {r.replies.length === 0 ? <Text className='muted rd-block'>工会还没有回复。收到后会显示在这里，请留意。</Text> : null}
        {r.replies.map((x) => (
          <View key={x.id} className={`rd-msg ${x.fromOrganiser ? 'rd-msg-org' : 'rd-msg-me'}`} id={`request-reply-${x.id}`}>
            <View className='rd-msg-head'>
              {x.fromOrganiser ? <Text className='rd-msg-tag'>工会</Text> : null}
              <Text className='rd-msg-author'>{x.fromOrganiser ? x.author : '我'}</Text>
              <Text className='rd-msg-time'>{chinaDateTimeText(x.createdAt)}</Text>
            </View>
            <Text className='text-body' userSelect>
              {x.text}
            </Text>
          </View>
        ))}

        {closed ? (
          <Text className='muted rd-block rd-closed'>诉求已关闭，如有新问题请回到“我的诉求”重新反映。</Text>
        ) : (
          <View className='rd-reply'>
            <TextField
              id='request-reply-input'
              errorId='request-reply-error'
              label='补充说明'
              error={replyError}
              value={reply}
              onInput={(v) => {
                setReply(v);
                setReplyError('');
              }}
              multiline
              className='rd-reply-input'
              maxlength={LIMITS.requestTextMax}
              placeholder='补充情况，或回复工会的问题'
            />
            <SubmitButton id='request-reply-send' busy={sending} busyText='正在发送…' className='rd-send' onClick={() => void send()}>
              发送
            </SubmitButton>
          </View>
        )}
      </View>
    </Page>
  );
}
