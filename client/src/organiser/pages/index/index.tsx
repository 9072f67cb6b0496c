import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { Dashboard, Event, Me, StationStats } from '@xlx/shared';
import StateView from '@/ui/StateView';
import stationIcon from '@/assets/tab/station-active.png';
import eventsIcon from '@/assets/tab/events-active.png';
import checkIcon from '@/assets/icons/check.png';
import { downloadPaths, organiserService } from '@/services/organiser';
import { isApiError, type ApiError } from '@/services/request';
import { loadMe, useSession } from '@/services/session';
import Badge from '@/ui/Badge';
import { StatTile } from '@/ui/Controls';
import { ORG_PAGES } from '@/lib/org-pages';
import { addDays, fmtRange, todayChina } from '@/lib/format-org';
import { showActionError } from '@/ui/toast';
import { runGuarded } from '@/lib/useForm';
import { exportCsvFile } from '@/organiser/export';
import { BusyButton, GrantGate, Section } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';
import './index.css';
import { withDesk } from '@/organiser/desk/DeskShell';
import Icon, { type IconName } from '@/ui/Icon';

const ROLE_LABELS = { organiser: '组织者', admin: '管理员' } as const;

/** Events worth scanning tickets for: published and not over more than a few hours ago. */
function doorEvents(items: Event[]): Event[] {
  const cutoff = Date.now() - 6 * 3600 * 1000;
  return items.filter((e) => e.status === 'published' && Date.parse(e.endsAt) > cutoff).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

interface EntryProps {
  id: string;
  className?: string;
  /** A picture (described by `label`) or one of the app's icons. */
  image?: string;
  label?: string;
  icon?: IconName;
  title: string;
  /** Waiting for me: a count after the title. */
  count?: number;
  sub: string;
  /** The line under the title asks for attention. */
  alert?: boolean;
  /** The page a tap opens, or what a tap does. */
  url?: string;
  onClick?: () => void;
}

/** One big entry of the home page. */
function Entry({ id, className = '', image, label, icon, title, count, sub, alert, url, onClick }: EntryProps) {
  return (
    <View className={`org-entry ${className}`} id={id} hoverClass='org-entry-active' onClick={onClick ?? (() => void Taro.navigateTo({ url: url ?? '' }))}>
      {image ? <Image className='org-entry-icon' src={image} mode='scaleToFill' ariaLabel={label} /> : null}
      {icon ? <Icon name={icon} className='org-entry-icon org-entry-emoji' /> : null}
      <View className='org-entry-text'>
        <Text className='org-entry-title'>
          {title}
          {count ? <Text className='org-entry-count'>{count}</Text> : null}
        </Text>
        <Text className={`org-entry-sub ${alert ? 'org-entry-alert' : ''}`}>{sub}</Text>
      </View>
    </View>
  );
}

/** Organiser home (subpackage): my organisations, the big entries and today's visits. */
function OrganiserHome() {
  const { me } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [stats, setStats] = useState<StationStats | null>(null);
  const [statsError, setStatsError] = useState('');
  const [picking, setPicking] = useState(false);
  const [events, setEvents] = useState<Event[] | null>(null);
  const [eventsError, setEventsError] = useState('');
  const [exporting, setExporting] = useState(false);
  const [todo, setTodo] = useState<Dashboard | null>(null);

  const loadStats = async (person: Me) => {
    const first = person.grants[0];
    if (!first) return;
    // What waits for me (open requests, applications): a hint on the entries, never an error.
    organiserService
      .dashboard(first.organisationId)
      .then(setTodo)
      .catch(() => undefined);
    try {
      setStats(await organiserService.organisationStats(first.organisationId));
      setStatsError('');
    } catch (e) {
      setStatsError(isApiError(e) ? e.message : '加载失败');
    }
  };

  const refresh = async () => {
    try {
      const person = await loadMe();
      setError(null);
      if (person) await loadStats(person);
    } catch (e) {
      if (isApiError(e)) setError(e);
    }
  };

  useDidShow(() => {
    void refresh();
  });

  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  const openDoorPicker = async () => {
    const next = !picking;
    setPicking(next);
    if (!next) return;
    setEventsError('');
    try {
      setEvents(doorEvents((await organiserService.events()).items));
    } catch (e) {
      setEventsError(isApiError(e) ? e.message : '加载失败');
    }
  };

  /** Every station of my first organisation, last 30 days, as one CSV. */
  const exportAll = (organisationId: number, name: string) =>
    runGuarded(
      exporting,
      setExporting,
      async () => {
        const to = todayChina();
        await exportCsvFile(downloadPaths.organisationVisitsCsv(organisationId, addDays(to, -29), to), `${name}-到访记录.csv`);
      },
      (e) => showActionError(e, '导出失败'),
    );

  if (!me || me.grants.length === 0) {
    return (
      <GrantGate
        page='page organiser org-page'
        known={me !== null}
        error={error}
        onRetry={() => void refresh()}
        id='organiser-no-grants'
        text='组织者工作台仅供工会组织者使用。如需发布驿站或活动，请联系所在工会的管理员为您开通。'
        card={false}
      />
    );
  }

  const first = me.grants[0];
  const overdue = todo?.requests.overdue ?? 0;

  return (
    <View className='page organiser org-page'>
      <View className='org-home-entries' id='organiser-entries'>
        <Entry id='entry-stations' image={stationIcon} label='驿站' title='驿站管理' sub='新建驿站、签到码、签到屏、到访数据' url={ORG_PAGES.stations} />
        <Entry id='entry-events' image={eventsIcon} label='活动' title='活动管理' sub='发布活动、报名名单、签到情况' url={ORG_PAGES.events} />
        <Entry
          id='entry-door'
          className={`org-entry-primary ${picking ? 'org-entry-open' : ''}`}
          image={checkIcon}
          label='验票'
          title='扫码验票'
          sub={picking ? '请选择要验票的活动 ↓' : '先选择活动，再在入口扫参加者的电子票'}
          onClick={() => void openDoorPicker()}
        />
      </View>

      <View className='org-home-entries org-home-entries-2' id='organiser-entries-2'>
        <Entry id='entry-dashboard' icon='chart' title='数据看板' sub='到访、活动、诉求、会员的统计数字' url={ORG_PAGES.dashboard} />
        <Entry
          id='entry-requests'
          icon='chat'
          title='诉求处理'
          count={todo?.requests.open}
          alert={overdue > 0}
          sub={overdue > 0 ? `${overdue} 条已逾期，请尽快回应` : '回复工友反映的问题，登记现场诉求'}
          url={ORG_PAGES.requests}
        />
        <Entry id='entry-memberships' icon='card' title='入会审批' count={todo?.members.pending} sub='审核工友的入会申请' url={ORG_PAGES.memberships} />
      </View>

      {picking ? (
        <Section title='选择要验票的活动' id='door-event-picker'>
          {eventsError ? (
            <StateView
              icon='warning'
              title='活动加载失败'
              text={eventsError}
              actionText='重试'
              onAction={() => void openDoorPicker().then(() => setPicking(true))}
            />
          ) : !events ? (
            <Text className='muted'>正在加载…</Text>
          ) : events.length === 0 ? (
            <StateView
              icon='calendar'
              title='没有可验票的活动'
              text='只有已发布、尚未结束的活动可以验票。请先在活动管理中发布活动。'
              actionText='去活动管理'
              onAction={() => void Taro.navigateTo({ url: ORG_PAGES.events })}
            />
          ) : (
            events.map((e) => (
              <View
                key={e.id}
                className='org-pick-row'
                id={`door-pick-${e.id}`}
                hoverClass='org-item-active'
                onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.door}?eventId=${e.id}` })}
              >
                <View className='org-head-text'>
                  <Text className='org-item-title'>{e.title}</Text>
                  <Text className='org-item-line'>{fmtRange(e.startsAt, e.endsAt)}</Text>
                </View>
                <Text className='org-accent org-pick-go'>验票 ›</Text>
              </View>
            ))
          )}
        </Section>
      ) : null}

      <View className='org-grid'>
        <Section title='今日驿站到访' id='organiser-today'>
          <Text className='muted org-scope'>{stats ? stats.scope.name : first.organisationName} 下属全部驿站</Text>
          {stats ? (
            <View className='org-stats'>
              <StatTile id='org-today-visits' label='今日人次' value={stats.today.visits} />
              <StatTile id='org-today-workers' label='今日人数' value={stats.today.workers} />
              <StatTile label='本月人次' value={stats.month.visits} tone='grey' />
            </View>
          ) : statsError ? (
            <Text className='field-error' onClick={() => void loadStats(me)}>
              {statsError}（点此重试）
            </Text>
          ) : (
            <Text className='muted'>正在加载…</Text>
          )}
          <BusyButton
            id='org-export-all'
            tone='secondary'
            busy={exporting}
            spin={false}
            className='org-export-all'
            onClick={() => void exportAll(first.organisationId, stats ? stats.scope.name : first.organisationName)}
          >
            导出近30天全部驿站到访记录
          </BusyButton>
        </Section>

        <Section title='我的组织' id='organiser-grants'>
          {me.grants.map((g) => (
            <View className='org-grant' key={`${g.role}-${g.organisationId}`}>
              <Text className='org-name'>{g.organisationName}</Text>
              <Badge tone='red'>{ROLE_LABELS[g.role]}</Badge>
            </View>
          ))}
          <Text className='muted org-scope'>您可以管理以上组织及其下级组织的驿站和活动。</Text>
        </Section>
      </View>
    </View>
  );
}

export default withDesk(OrganiserHome, 'home');
