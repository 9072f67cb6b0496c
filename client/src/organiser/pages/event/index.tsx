import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { GENDER_LABELS, OCCUPATION_LABELS, type Attendance, type Event } from '@xlx/shared';
import { organiserService } from '@/services/organiser';
import { OrgPageGate } from '@/ui/PageState';
import { StatTile } from '@/ui/Controls';
import { EventStatusBadge, kindAndOrg } from '@/organiser/components/EventBits';
import { MANUAL, useData } from '@/lib/useData';
import { ORG_PAGES, idParam } from '@/lib/org-pages';
import { fmtDateTime, fmtRange } from '@/lib/format-org';
import { toast } from '@/ui/toast';
import { BusyButton, CardHead, Dialog, KV, Section, useBusy, useReloadAll } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';

function eligibilityText(e: Event): string {
  const el = e.eligibility;
  const parts: string[] = [];
  if (el.genders.length) parts.push(`限${el.genders.map((g) => GENDER_LABELS[g]).join('、')}性`);
  if (el.minAge !== null && el.maxAge !== null) parts.push(`${el.minAge}–${el.maxAge}岁`);
  else if (el.minAge !== null) parts.push(`${el.minAge}岁以上`);
  else if (el.maxAge !== null) parts.push(`${el.maxAge}岁以下`);
  if (el.occupations.length) parts.push(el.occupations.map((o) => OCCUPATION_LABELS[o]).join('、'));
  if (el.membersOnly) parts.push('仅限工会会员');
  return parts.length ? parts.join('；') : '不限';
}

/** One of my events: its numbers and what to do with it. */
export default function EventPage() {
  const { params } = useRouter();
  const id = idParam(params.id) ?? 0;
  const event = useData<Event>(() => organiserService.event(id), MANUAL);
  const counts = useData<Attendance>(() => organiserService.attendance(id, { status: 'checked_in' }), MANUAL);
  const { busy, act, askThenAct } = useBusy();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');

  useReloadAll(Boolean(id), event, counts);

  if (!id || !event.data) return <OrgPageGate id={id} remote={event} what='活动' backUrl={ORG_PAGES.events} />;

  const e = event.data;
  const c = counts.data?.counts;
  const ended = Date.parse(e.endsAt) <= Date.now();
  const active = e.status !== 'cancelled';
  const registrants = c ? c.confirmed + c.waitlisted : e.capacity - e.seatsLeft + e.waitlistCount;

  const publish = () =>
    askThenAct(
      {
        title: '发布活动',
        content: `发布后，工友可以在小程序里看到“${e.title}”，并在 ${fmtDateTime(e.registrationOpensAt)} 起报名。确定发布吗？`,
        confirmText: '发布',
        cancelText: '再看看',
        plain: true,
      },
      'publish',
      async () => {
        event.setData(await organiserService.publishEvent(e.id));
        toast('已发布', 'success');
      },
      '发布失败',
    );

  const cancel = () =>
    act(
      'cancel',
      async () => {
        event.setData(await organiserService.cancelEvent(e.id, reason.trim()));
        setCancelOpen(false);
        setReason('');
        void counts.reload(true);
        toast('活动已取消', 'success');
      },
      '取消失败',
    );

  return (
    <View className='page org-page' id='event-page'>
      <View className='card'>
        <CardHead title={e.title} titleId='event-title' sub={kindAndOrg(e)} badge={<EventStatusBadge event={e} id='event-status' />} />
        {e.status === 'draft' ? <Text className='note-box note-warning org-notice'>草稿：工友还看不到这场活动。检查无误后点「发布」。</Text> : null}
        {e.status === 'cancelled' ? <Text className='note-box note-warning org-notice'>活动已取消，报名者已收到取消通知。</Text> : null}
        <KV label='时间'>{fmtRange(e.startsAt, e.endsAt)}</KV>
        <KV label='地点'>{e.venue}</KV>
        <KV label='报名时间'>
          {fmtDateTime(e.registrationOpensAt)} 至 {fmtDateTime(e.registrationClosesAt)}
        </KV>
        <KV label='取消截止'>{e.cancellationDeadline ? fmtDateTime(e.cancellationDeadline) : '活动开始前均可取消'}</KV>
        <KV label='报名条件'>{eligibilityText(e)}</KV>
        <KV label='签到方式'>{e.selfCheckin ? '现场验票，或扫自助签到屏' : '现场验票'}</KV>
        {e.certificateName ? <KV label='结业证书'>{e.certificateName}</KV> : null}
        {e.description ? <Text className='org-item-line org-pre'>{e.description}</Text> : null}
      </View>

      <Section title='报名与签到' id='event-counts'>
        <View className='org-stats'>
          <StatTile id='event-count-confirmed' label='已报名' value={c ? c.confirmed : e.capacity - e.seatsLeft} sub={`名额 ${e.capacity}`} />
          <StatTile id='event-count-checked-in' label='已签到' value={c ? c.checkedIn : '–'} tone='green' />
          <StatTile id='event-count-waitlisted' label='候补' value={c ? c.waitlisted : e.waitlistCount} tone='amber' />
          {c && c.noShows !== null ? (
            <StatTile label='缺席' value={c.noShows} tone='red' />
          ) : c ? (
            <StatTile label='未到' value={c.notArrived} tone='grey' />
          ) : null}
        </View>
        {counts.error ? <Text className='field-error'>签到数据加载失败：{counts.error.message}</Text> : null}
      </Section>

      <View className='card'>
        <View className='org-actions'>
          {e.status === 'draft' ? (
            <BusyButton id='event-publish' tone='primary' busy={busy === 'publish'} onClick={() => void publish()}>
              发布
            </BusyButton>
          ) : null}
          {e.status === 'published' ? (
            <Button id='event-door' className='btn btn-primary' onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.door}?eventId=${e.id}` })}>
              扫码验票
            </Button>
          ) : null}
          <Button id='event-attendance' className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.attendance}?eventId=${e.id}` })}>
            签到名单
          </Button>
          {e.kind === 'matchmaking' ? (
            <Button id='event-match' className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.match}?eventId=${e.id}` })}>
              互选管理
            </Button>
          ) : null}
          {e.selfCheckin && e.status === 'published' && !ended ? (
            <Button id='event-kiosk' className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.kiosk}?eventId=${e.id}` })}>
              自助签到屏
            </Button>
          ) : null}
          {active ? (
            <Button id='event-edit' className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.eventEdit}?id=${e.id}` })}>
              编辑
            </Button>
          ) : null}
          {active ? (
            <Button id='event-cancel' className='btn btn-danger' onClick={() => setCancelOpen(true)}>
              取消活动
            </Button>
          ) : null}
        </View>
      </View>

      {cancelOpen ? (
        <Dialog
          id='event-cancel-dialog'
          title='取消活动'
          text={
            registrants > 0
              ? `已报名和候补的 ${registrants} 人会立即收到“活动已取消”的通知，您填写的原因会写在通知里。取消后不能恢复。`
              : '目前还没有人报名。取消后工友无法再报名，且不能恢复。'
          }
          confirmId='event-cancel-confirm'
          confirmText='确认取消活动'
          busy={busy === 'cancel'}
          onConfirm={() => void cancel()}
          cancelText='再想想'
          cancelDisabled={busy === 'cancel'}
          onCancel={() => setCancelOpen(false)}
        >
          <Textarea
            id='event-cancel-reason'
            className='org-textarea'
            value={reason}
            maxlength={100}
            placeholder='取消原因（可不填），例如：因台风预警，活动延期举办'
            onInput={(ev) => setReason(ev.detail.value)}
          />
        </Dialog>
      ) : null}
    </View>
  );
}
