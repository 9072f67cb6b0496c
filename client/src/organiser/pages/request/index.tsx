import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { LIMITS, REQUEST_CATEGORY_LABELS, type WorkerRequest } from '@xlx/shared';
import { organiserService } from '@/services/organiser';
import { isApiError } from '@/services/request';
import ZoomPhoto from '@/ui/ZoomPhoto';
import { loadMe, useSession } from '@/services/session';
import { OrgPageGate } from '@/ui/PageState';
import Badge from '@/ui/Badge';
import { ChannelBadge, RequestStatusBadge } from '@/organiser/components/RequestBits';
import { MANUAL, useData } from '@/lib/useData';
import { ORG_PAGES, idParam } from '@/lib/org-pages';
import { fmtDateTime } from '@/lib/format-org';
import { showActionError, toast, confirmDanger } from '@/ui/toast';
import { BusyButton, CardHead, KV, MessageBox, Section, useMessageBox } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';
import './index.css';

/** One request of my organisations: read it, talk to the worker, take it on, resolve or close it. */
export default function RequestPage() {
  const { params } = useRouter();
  const id = idParam(params.id) ?? 0;
  const { me } = useSession();
  const req = useData<WorkerRequest>(() => organiserService.request(id), MANUAL);
  const [stationName, setStationName] = useState<string | null>(null);
  const reply = useMessageBox();
  const [busy, setBusy] = useState<string | null>(null);

  useDidShow(() => {
    if (!id) return;
    void loadMe().catch(() => undefined);
    void req.reload(req.data !== null);
  });
  usePullDownRefresh(() => {
    void req.reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  const stationId = req.data?.stationId ?? null;
  useEffect(() => {
    if (!stationId) return;
    organiserService
      .station(stationId)
      .then((s) => setStationName(s.name))
      .catch(() => setStationName(null));
  }, [stationId]);

  if (!id || !req.data) return <OrgPageGate id={id} remote={req} what='诉求' backUrl={ORG_PAGES.requests} />;

  const r = req.data;
  const open = r.status === 'submitted' || r.status === 'in_progress';
  const myName = me ? (me.nickname ?? `工友${me.id}`) : null;
  const mine = myName !== null && r.assigneeName === myName;

  /** One action at a time; the answer is the request as it is now. */
  const run = async (key: string, fn: () => Promise<WorkerRequest>, done: string, failTitle: string) => {
    if (busy) return false;
    setBusy(key);
    try {
      req.setData(await fn());
      toast(done, 'success');
      return true;
    } catch (e) {
      await showActionError(e, failTitle);
      if (isApiError(e) && e.status === 409) void req.reload(true);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const assignToMe = async () => {
    const person = me ?? (await loadMe().catch(() => null));
    if (!person) return;
    await run('assign', () => organiserService.assignRequest(r.id, person.id), '已由您负责', '操作失败');
  };

  const send = async () => {
    const text = reply.value.trim();
    if (!text) {
      reply.setError('请输入回复内容');
      return;
    }
    reply.setError('');
    if (await run('reply', () => organiserService.replyRequest(r.id, text), '已回复', '回复失败')) reply.setValue('');
  };

  const setStatus = async (status: 'in_progress' | 'resolved' | 'closed') => {
    if (busy) return;
    // Resolving can be undone (重新处理); closing cannot, so it asks first.
    if (status === 'closed') {
      const confirm = await confirmDanger({
        title: '关闭诉求',
        content: '关闭后不能再回复或修改状态，工友也不能再补充。适用于重复、无法受理或工友撤回的诉求。确定关闭吗？',
        confirmText: '关闭',
      });
      if (!confirm) return;
    }
    const labels = { in_progress: ['已重新打开', '操作失败'], resolved: ['已标记为已解决', '标记失败'], closed: ['已关闭', '关闭失败'] } as const;
    await run(status, () => organiserService.setRequestStatus(r.id, status), labels[status][0], labels[status][1]);
  };

  return (
    <View className='page org-page' id='request-page'>
      <View className='org-grid'>
        <View className='org-col'>
          <View className='card'>
            <CardHead
              title={REQUEST_CATEGORY_LABELS[r.category]}
              titleId='req-category'
              sub={`编号 ${r.id} · ${r.organisationName}`}
              badge={<RequestStatusBadge status={r.status} id='req-status' />}
            />
            <View className='org-row req-badges'>
              <ChannelBadge channel={r.channel} />
              {r.overdue ? (
                <Badge tone='red' id='req-overdue'>
                  已逾期
                </Badge>
              ) : null}
            </View>
            <View className='req-text'>
              <Text id='req-text' userSelect>
                {r.text}
              </Text>
            </View>
            {r.photoUrl ? (
              <View className='req-photo-box'>
                <ZoomPhoto id='req-photo' className='req-photo' url={r.photoUrl} mode='aspectFit' label='诉求照片' />
                <Text className='field-hint'>工友拍的现场照片，点击看大图</Text>
              </View>
            ) : r.photoCheck === 'checking' ? (
              <Text id='req-photo-checking' className='field-hint'>
                工友附了照片，正在进行微信内容安全检查，通过后显示
              </Text>
            ) : null}
            <KV label='反映人' id='req-reporter'>
              {r.reporterName ?? '（未留名）'}
            </KV>
            {r.stationId ? (
              <KV label='驿站' id='req-station' onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.station}?id=${r.stationId}` })} className='org-link'>
                {stationName ?? `驿站 ${r.stationId}`}
              </KV>
            ) : null}
            <KV label='提交时间'>{fmtDateTime(r.createdAt)}</KV>
            <KV label='回应期限' id='req-due' className={r.overdue ? 'req-late' : ''}>
              {fmtDateTime(r.dueAt)}
              {r.overdue ? '（已逾期）' : ''}
            </KV>
            <KV label='负责人' id='req-assignee'>
              {r.assigneeName ? `${r.assigneeName}${mine ? '（我）' : ''}` : '尚未指派'}
            </KV>
            {r.resolvedAt ? <KV label='解决时间'>{fmtDateTime(r.resolvedAt)}</KV> : null}
            {r.status === 'resolved' || r.rating ? (
              <View className='org-kv'>
                <Text className='org-kv-key'>工友评价</Text>
                <View className='org-kv-value' id='req-rating'>
                  {r.rating === 'satisfied' ? (
                    <Badge tone='green'>满意</Badge>
                  ) : r.rating === 'unsatisfied' ? (
                    <Badge tone='red'>不满意</Badge>
                  ) : (
                    <Text className='muted'>{r.channel === 'online' ? '工友尚未评价' : '现场诉求无线上评价'}</Text>
                  )}
                </View>
              </View>
            ) : null}
          </View>

          <View className='card' id='req-actions'>
            {r.status === 'closed' ? <Text className='note-box note-warning org-notice'>诉求已关闭，不能再回复或修改状态。</Text> : null}
            <View className='org-actions'>
              {open && !mine ? (
                <BusyButton id='req-assign' tone='secondary' busy={busy === 'assign'} onClick={() => void assignToMe()}>
                  我来处理
                </BusyButton>
              ) : null}
              {open ? (
                <BusyButton id='req-resolve' tone='green' busy={busy === 'resolved'} onClick={() => void setStatus('resolved')}>
                  标记为已解决
                </BusyButton>
              ) : null}
              {r.status === 'resolved' ? (
                <BusyButton id='req-reopen' tone='secondary' busy={busy === 'in_progress'} onClick={() => void setStatus('in_progress')}>
                  重新处理
                </BusyButton>
              ) : null}
              {r.status !== 'closed' ? (
                <BusyButton id='req-close' tone='danger' busy={busy === 'closed'} onClick={() => void setStatus('closed')}>
                  关闭
                </BusyButton>
              ) : null}
            </View>
          </View>
        </View>

        <View className='org-col'>
          <Section title='沟通记录' id='req-conversation'>
            {r.replies.length === 0 ? (
              <Text className='muted req-empty'>{r.channel === 'online' ? '还没有回复。工友会在小程序“我的诉求”里看到您的回复。' : '还没有处理记录。'}</Text>
            ) : (
              <View className='req-thread' id='req-replies'>
                {r.replies.map((x) => (
                  <View key={x.id} id={`req-reply-${x.id}`} className={`req-msg ${x.fromOrganiser ? 'req-msg-mine' : 'req-msg-worker'}`}>
                    <Text className='org-fine-print req-msg-meta'>
                      {x.author} · {fmtDateTime(x.createdAt)}
                    </Text>
                    <Text className='req-msg-text' userSelect>
                      {x.text}
                    </Text>
                  </View>
                ))}
              </View>
            )}
            {r.status !== 'closed' ? (
              <View className='req-reply-box'>
                {r.channel === 'offline' ? (
                  <Text className='field-hint'>现场登记的诉求没有线上联系人：回复只作为处理记录保存，请另行电话或当面告知工友。</Text>
                ) : null}
                <MessageBox
                  id='req-reply-input'
                  errorId='req-reply-error'
                  className='req-reply-input'
                  invalidClass='req-reply-invalid'
                  maxlength={LIMITS.requestTextMax}
                  placeholder={r.channel === 'online' ? '回复工友：处理进展、解决办法或需要补充的信息' : '记录处理情况'}
                  box={reply}
                />
                <View className='org-spacer' />
                <BusyButton id='req-reply-send' tone='primary' busy={busy === 'reply'} onClick={() => void send()}>
                  发送回复
                </BusyButton>
                {r.status === 'submitted' ? <Text className='field-hint'>回复后诉求会转为“处理中”。</Text> : null}
              </View>
            ) : null}
          </Section>
        </View>
      </View>
    </View>
  );
}
