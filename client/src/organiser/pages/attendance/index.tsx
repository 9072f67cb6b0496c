import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter, useUnload } from '@tarojs/taro';
import { REGISTRATION_STATUS_LABELS, chinaHHmm, type Attendance, type Event } from '@xlx/shared';
import { downloadPaths, organiserService, type AttendanceStatusFilter } from '@/services/organiser';
import { OrgPageGate } from '@/ui/PageState';
import Badge from '@/ui/Badge';
import Chips from '@/ui/Chips';
import { StatTile } from '@/ui/Controls';
import { MANUAL, useData } from '@/lib/useData';
import { ORG_PAGES, idParam } from '@/lib/org-pages';
import { fmtRange } from '@/lib/format-org';
import { toast } from '@/ui/toast';
import { exportCsvFile } from '@/organiser/export';
import { BusyButton, RowButton, SearchBox, StateCard, Toolbar, chipOptions, useBusy } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';
import './index.css';
import ScanHistory from './ScanHistory';

const LIVE_MS = 10_000;
type Filter = AttendanceStatusFilter | 'all';

/** The count tiles over the list: a tap filters the list to that group (again: all). */
function tiles(c: Attendance['counts']) {
  const out: { filter: Filter; id: string; label: string; value: number; sub?: string; tone?: 'green' | 'grey' | 'amber' | 'red' }[] = [
    { filter: 'confirmed', id: 'confirmed', label: '已报名', value: c.confirmed, sub: `名额 ${c.capacity}` },
    { filter: 'checked_in', id: 'checked-in', label: '已签到', value: c.checkedIn, tone: 'green' },
    { filter: 'not_arrived', id: 'not-arrived', label: '未到', value: c.notArrived, tone: 'grey' },
    { filter: 'waitlisted', id: 'waitlisted', label: '候补', value: c.waitlisted, tone: 'amber' },
    { filter: 'cancelled', id: 'cancelled', label: '已取消', value: c.cancelled, tone: 'grey' },
  ];
  if (c.noShows !== null) out.push({ filter: 'no_show', id: 'no-shows', label: '缺席', value: c.noShows, tone: 'red' });
  return out;
}

/** Live attendance of one of my events: counts, search, filters, undo, export. */
export default function AttendancePage() {
  const { params } = useRouter();
  const eventId = idParam(params.eventId) ?? 0;
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const { busy, act, askThenAct } = useBusy();
  const [updatedAt, setUpdatedAt] = useState('');
  const event = useData<Event>(() => organiserService.event(eventId), MANUAL);
  const list = useData<Attendance>(async () => {
    const a = await organiserService.attendance(eventId, { q: query || undefined, status: filter === 'all' ? undefined : filter });
    setUpdatedAt(new Date().toTimeString().slice(0, 8));
    return a;
  }, MANUAL);
  const live = useRef<ReturnType<typeof setInterval> | null>(null);

  const stopLive = () => {
    if (live.current) clearInterval(live.current);
    live.current = null;
  };
  const startLive = () => {
    stopLive();
    live.current = setInterval(() => void list.reload(true), LIVE_MS);
  };

  useDidShow(() => {
    if (!eventId) return;
    void event.reload(event.data !== null);
    void list.reload(list.data !== null);
    startLive();
  });
  useDidHide(stopLive);
  useUnload(stopLive);
  usePullDownRefresh(() => {
    void Promise.all([event.reload(true), list.reload(true)]).finally(() => Taro.stopPullDownRefresh());
  });

  // Search as the organiser types (after a pause), and on filter changes.
  useEffect(() => {
    const t = setTimeout(() => setQuery(q.trim()), 400);
    return () => clearTimeout(t);
  }, [q]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (eventId) void list.reload(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, filter]);

  if (!eventId || !event.data) return <OrgPageGate id={eventId} remote={event} what='活动' backUrl={ORG_PAGES.events} />;

  const e = event.data;
  const c = list.data?.counts;
  const filters = chipOptions<Filter>({
    all: '全部',
    confirmed: '已报名',
    checked_in: '已签到',
    not_arrived: '未到',
    waitlisted: '候补',
    cancelled: '已取消',
    ...(c && c.noShows !== null ? { no_show: '缺席' } : {}),
  });

  const undo = (registrationId: number, name: string) =>
    askThenAct(
      {
        title: '撤销签到',
        content: `确定撤销“${name}”的签到吗？撤销后需重新验票${e.kind === 'training' ? '，结业记录也会一并撤销' : ''}。`,
        confirmText: '撤销',
      },
      `att-undo-${registrationId}`,
      async () => {
        await organiserService.undoCheckin(e.id, registrationId);
        toast('已撤销', 'success');
        await list.reload(true);
      },
      '撤销失败',
    );

  const exportCsv = () => act('csv', () => exportCsvFile(downloadPaths.attendanceCsv(e.id), `${e.title}-签到表.csv`), '导出失败');

  const pick = (f: Filter) => setFilter((cur) => (cur === f ? 'all' : f));

  return (
    <View className='page org-page' id='attendance-page'>
      <Toolbar title={e.title} sub={fmtRange(e.startsAt, e.endsAt)}>
        <BusyButton id='attendance-export' tone='secondary' busy={busy === 'csv'} onClick={() => void exportCsv()}>
          导出CSV
        </BusyButton>
      </Toolbar>

      <View className='card' id='attendance-counts'>
        {c ? (
          <View className='org-stats'>
            {tiles(c).map((t) => (
              <View key={t.filter} className='att-tile' onClick={() => pick(t.filter)}>
                <StatTile id={`att-count-${t.id}`} label={t.label} value={t.value} sub={t.sub} tone={t.tone} />
              </View>
            ))}
          </View>
        ) : (
          <Text className='muted'>正在加载…</Text>
        )}
        <Text className={`att-live ${list.error ? 'att-live-bad' : ''}`} id='attendance-live'>
          {list.error ? `刷新失败：${list.error.message}，稍后自动重试` : `● 实时更新，每10秒刷新${updatedAt ? ` · 更新于 ${updatedAt}` : ''}`}
        </Text>
      </View>

      <SearchBox id='attendance-q' className='att-search' value={q} placeholder='搜索姓名或手机尾号' onInput={setQ} onConfirm={() => setQuery(q.trim())} />
      <Chips look='org' idPrefix='attendance-filter' options={filters} value={filter} onChange={setFilter} />

      {!list.data ? (
        list.error ? (
          <StateCard icon='warning' title='名单加载失败' text={list.error.message} actionText='重新加载' onAction={() => void list.reload()} />
        ) : (
          <Text className='muted'>正在加载…</Text>
        )
      ) : list.data.items.length === 0 ? (
        <StateCard
          id='attendance-empty'
          icon='list'
          title={query || filter !== 'all' ? '没有符合条件的人' : '还没有人报名'}
          text={
            query || filter !== 'all'
              ? '换个关键词，或切换到“全部”。'
              : e.status === 'published'
                ? '有人报名后会实时显示在这里。'
                : '活动发布后，工友才能报名。'
          }
        />
      ) : (
        <View className='card att-list' id='attendance-list'>
          <Text className='org-count'>共 {list.data.items.length} 人</Text>
          {list.data.items.map((a) => (
            <View className='att-row' key={a.registrationId} id={`att-row-${a.registrationId}`}>
              <View className='org-head-text'>
                <View className='org-row'>
                  <Text className='text-strong att-name'>{a.name}</Text>
                  {a.phoneLast4 ? <Text className='muted'>尾号 {a.phoneLast4}</Text> : null}
                  {a.completed ? <Badge tone='blue'>结业</Badge> : null}
                </View>
                <Text className='text-faint att-meta'>{a.checkedInAt ? `${chinaHHmm(a.checkedInAt)} 已签到` : REGISTRATION_STATUS_LABELS[a.status]}</Text>
                {/* The answers the worker gave this event's organiser, the phone in full so they can be reached. */}
                {list.data!.questions.map((q, i) =>
                  a.answers[i] ? (
                    <Text key={q.label} className='att-answer' id={`att-answer-${a.registrationId}-${i}`}>
                      {q.label}：{a.answers[i]}
                    </Text>
                  ) : null,
                )}
              </View>
              {a.status === 'confirmed' && a.checkedInAt ? (
                <>
                  <Badge tone='green'>已签到</Badge>
                  <RowButton
                    id={`att-undo-${a.registrationId}`}
                    tone='danger'
                    running={busy}
                    className='att-undo'
                    onClick={() => void undo(a.registrationId, a.name)}
                  >
                    撤销签到
                  </RowButton>
                </>
              ) : a.status === 'confirmed' ? (
                <Badge tone={c && c.noShows !== null ? 'red' : 'grey'}>{c && c.noShows !== null ? '缺席' : '未到'}</Badge>
              ) : a.status === 'waitlisted' ? (
                <Badge tone='amber'>候补</Badge>
              ) : (
                <Badge tone='grey'>已取消</Badge>
              )}
            </View>
          ))}
        </View>
      )}
      {eventId ? <ScanHistory eventId={eventId} /> : null}
    </View>
  );
}
