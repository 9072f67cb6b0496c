import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { chinaHHmm, type Dashboard, type Me, type StationStats } from '@xlx/shared';
import { organiserService, type RequestStats, type RequestStatsRow } from '@/services/organiser';
import { loadMe } from '@/services/session';
import PageState from '@/ui/PageState';
import { VisitCharts } from '@/organiser/components/VisitCharts';
import { GrantGate, Loaded, Section, Toolbar } from '@/organiser/components/Kit';
import { StatTile, type StatTileProps } from '@/ui/Controls';
import { OrgPicker, useManagedOrgs } from '@/organiser/components/OrgPicker';
import { MANUAL, useData } from '@/lib/useData';
import { pageUrl } from '@/lib/pages';
import { ORG_PAGES, idParam } from '@/lib/org-pages';
import { pct } from '@/lib/format-org';
import '@/organiser/organiser.css';
import { withDesk } from '@/organiser/desk/DeskShell';
import './index.css';

const CHANNEL_LABELS = { online: '线上', offline: '现场' } as const;

type TileLink = StatTileProps & { url: string };

/** A big number that opens the list behind it. */
function LinkTile({ url, ...tile }: TileLink) {
  return (
    <View className='dash-tile' hoverClass='dash-tile-active' onClick={() => void Taro.navigateTo({ url })}>
      <StatTile {...tile} />
    </View>
  );
}

/** A row of big numbers, each opening its list. */
function LinkTiles({ className = '', tiles }: { className?: string; tiles: TileLink[] }) {
  return (
    <View className={`org-stats ${className}`}>
      {tiles.map((t) => (
        <LinkTile key={t.id} {...t} />
      ))}
    </View>
  );
}

/** A number that waits for someone is drawn in `tone`; none, grey. */
const warn = (n: number, tone: 'amber' | 'red') => (n > 0 ? tone : 'grey');

interface OrgRows {
  organisationId: number;
  organisationName: string;
  rows: RequestStatsRow[];
}

/** Per organisation (in the order the API gives), online first. */
function groupByOrg(items: RequestStatsRow[]): OrgRows[] {
  const out: OrgRows[] = [];
  for (const r of items) {
    let g = out.find((x) => x.organisationId === r.organisationId);
    if (!g) {
      g = { organisationId: r.organisationId, organisationName: r.organisationName, rows: [] };
      out.push(g);
    }
    g.rows.push(r);
  }
  for (const g of out) g.rows.sort((a, b) => (a.channel === b.channel ? 0 : a.channel === 'online' ? -1 : 1));
  return out;
}

const satisfaction = (r: { rated: number; satisfied: number }) => (r.rated > 0 ? pct(r.satisfied / r.rated) : '–');

function StatsRow({
  label,
  r,
  id,
  head,
}: {
  label: string;
  r: Omit<RequestStatsRow, 'organisationId' | 'organisationName' | 'channel'>;
  id?: string;
  head?: boolean;
}) {
  return (
    <View className={`dash-trow ${head ? 'dash-trow-total' : ''}`} id={id}>
      <Text className='dash-tcell dash-tcell-name'>{label}</Text>
      <Text className='dash-tcell'>{r.received}</Text>
      <Text className='dash-tcell'>{r.resolved}</Text>
      <Text className={`dash-tcell ${r.overdue > 0 ? 'dash-red' : ''}`}>{r.overdue}</Text>
      <Text className='dash-tcell'>{satisfaction(r)}</Text>
    </View>
  );
}

function RequestTable({ stats, onOpen }: { stats: RequestStats; onOpen: (organisationId: number) => void }) {
  const groups = groupByOrg(stats.items);
  const total = stats.items.reduce(
    (t, r) => ({
      received: t.received + r.received,
      resolved: t.resolved + r.resolved,
      overdue: t.overdue + r.overdue,
      rated: t.rated + r.rated,
      satisfied: t.satisfied + r.satisfied,
    }),
    {
      received: 0,
      resolved: 0,
      overdue: 0,
      rated: 0,
      satisfied: 0,
    },
  );
  if (groups.length === 0) return <Text className='muted'>还没有收到诉求。</Text>;
  return (
    <View className='dash-table' id='dash-requests-table'>
      <View className='dash-trow dash-thead'>
        <Text className='dash-tcell dash-tcell-name'>渠道</Text>
        <Text className='dash-tcell'>收到</Text>
        <Text className='dash-tcell'>已办结</Text>
        <Text className='dash-tcell'>逾期</Text>
        <Text className='dash-tcell'>满意度</Text>
      </View>
      {groups.map((g) => (
        <View
          key={g.organisationId}
          className='dash-tgroup'
          id={`dash-req-org-${g.organisationId}`}
          hoverClass='org-item-active'
          onClick={() => onOpen(g.organisationId)}
        >
          <Text className='dash-tgroup-name'>{g.organisationName} ›</Text>
          {g.rows.map((r) => (
            <StatsRow key={r.channel} label={CHANNEL_LABELS[r.channel]} r={r} id={`dash-req-${g.organisationId}-${r.channel}`} />
          ))}
        </View>
      ))}
      {groups.length > 1 || groups[0].rows.length > 1 ? <StatsRow label='合计' r={total} head id='dash-req-total' /> : null}
      <Text className='field-hint'>已办结含已解决和已关闭；满意度 = 满意评价 ÷ 全部评价，没有评价时显示“–”。点组织名查看它的诉求。</Text>
    </View>
  );
}

/** Numbers of one of my organisations (and everything under it): visits, events, requests, members. */
function DashboardPage() {
  const { params } = useRouter();
  const [orgId, setOrgId] = useState<number | null>(() => idParam(params.organisationId));
  const person = useData<Me | null>(() => loadMe(), MANUAL);
  const orgs = useManagedOrgs();
  const dash = useData<Dashboard>(() => organiserService.dashboard(orgId ?? 0), MANUAL);
  const visits = useData<StationStats>(() => organiserService.organisationStats(orgId ?? 0), MANUAL);
  const reqStats = useData<RequestStats>(() => organiserService.requestStats(orgId ?? undefined), MANUAL);
  const [updatedAt, setUpdatedAt] = useState('');
  const shown = useRef(false);

  const reloadData = async (quiet: boolean) => {
    await Promise.all([dash.reload(quiet), visits.reload(quiet), reqStats.reload(quiet)]);
    setUpdatedAt(chinaHHmm(new Date()));
  };

  useDidShow(() => {
    void person.reload(person.data !== null);
    // The first show loads through the effect below once the organisation is known.
    if (shown.current && orgId) void reloadData(true);
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void Promise.all([person.reload(true), orgId ? reloadData(true) : Promise.resolve()]).finally(() => Taro.stopPullDownRefresh());
  });

  // Default: the organisation of my first grant.
  useEffect(() => {
    if (orgId === null && person.data && person.data.grants.length) setOrgId(person.data.grants[0].organisationId);
  }, [orgId, person.data]);

  useEffect(() => {
    if (orgId) void reloadData(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orgId]);

  if (!person.data || person.data.grants.length === 0) {
    return (
      <GrantGate
        known={person.data !== null}
        error={person.loading ? null : person.error}
        onRetry={() => void person.reload()}
        id='org-error-403'
        text='数据看板仅供工会组织者使用。如需开通，请联系所在工会的管理员。'
        card
      />
    );
  }

  // After switching organisation the previous numbers stay (dimmed) until the new ones arrive.
  const stale = dash.data !== null && dash.data.organisation.id !== orgId;
  const d = stale && dash.error ? null : dash.data;
  const scopeName = d?.organisation.name ?? orgs?.find((o) => o.id === orgId)?.name ?? '';
  const reqUrl = (q: Record<string, string | number | boolean | undefined>) => pageUrl(ORG_PAGES.requests, { organisationId: orgId ?? undefined, ...q });
  const noShowTone = d && d.events.noShowRate !== null && d.events.noShowRate >= 0.3 ? 'red' : 'grey';
  const memberUrl = (status: string) => pageUrl(ORG_PAGES.memberships, { status, organisationId: orgId ?? undefined });

  return (
    <View className='page org-page' id='dashboard-page'>
      <Toolbar
        className='org-toolbar-wrap'
        title='数据看板'
        subId='dash-scope'
        sub={`${scopeName ? `${scopeName} 及下级组织` : '正在加载…'}${updatedAt ? ` · 更新于 ${updatedAt}` : ''}`}
      >
        {orgs && orgs.length > 1 ? (
          <View className='org-toolbar-pick'>
            <OrgPicker id='dash-org' options={orgs} value={orgId} onChange={(id) => id && setOrgId(id)} />
          </View>
        ) : null}
      </Toolbar>

      {!d ? (
        <PageState error={dash.loading ? null : dash.error} what='组织' backUrl={ORG_PAGES.home} onRetry={() => void reloadData(false)} />
      ) : (
        <View className={stale ? 'dash-stale' : ''}>
          {dash.error ? (
            <Text className='note-box note-warning org-notice' onClick={() => void reloadData(true)}>
              刷新失败：{dash.error.message}（点此重试）
            </Text>
          ) : null}

          <Section title='驿站服务' id='dash-visits'>
            <LinkTiles
              tiles={[
                { id: 'dash-visits-today', label: '今日到访人次', value: d.visits.today, url: ORG_PAGES.stations },
                { id: 'dash-workers-today', label: '今日服务人数', value: d.visits.workersToday, url: ORG_PAGES.stations },
                { id: 'dash-workers-30d', label: '30天服务人数', value: d.visits.workers30d, sub: '按人去重', url: ORG_PAGES.stations },
              ]}
            />
            <VisitCharts
              id='dash'
              perDay={d.visits.perDay}
              stats={{ data: visits.data && visits.data.scope.id === orgId ? visits.data : null, error: visits.error, reload: visits.reload }}
            />
          </Section>

          <View className='org-grid'>
            <Section title='活动' id='dash-events'>
              <LinkTiles
                className='dash-stats-4'
                tiles={[
                  { id: 'dash-events-held', label: '近30天活动场次', value: d.events.held30d, sub: `即将举办 ${d.events.upcoming} 场`, url: ORG_PAGES.events },
                  {
                    id: 'dash-attendance-rate',
                    label: '出勤率',
                    value: pct(d.events.attendanceRate),
                    tone: 'green',
                    sub: '报名后到场签到',
                    url: ORG_PAGES.events,
                  },
                  { id: 'dash-no-show-rate', label: '缺席率', value: pct(d.events.noShowRate), tone: noShowTone, sub: '报名后未到场', url: ORG_PAGES.events },
                  { id: 'dash-matches', label: '配对成功', value: d.matchmaking.matches, sub: '青年交友活动', url: ORG_PAGES.events },
                ]}
              />
              {d.events.attendanceRate === null ? <Text className='field-hint'>近30天没有已结束、有人报名的活动，暂无出勤率。</Text> : null}
            </Section>

            <Section title='会员' id='dash-members'>
              <LinkTiles
                tiles={[
                  { id: 'dash-members-new', label: '新会员', value: d.members.new30d, sub: '近30天通过', tone: 'green', url: memberUrl('approved') },
                  {
                    id: 'dash-members-pending',
                    label: '待审批',
                    value: d.members.pending,
                    sub: '入会申请',
                    tone: warn(d.members.pending, 'amber'),
                    url: memberUrl('pending'),
                  },
                ]}
              />
            </Section>
          </View>

          <Section title='诉求' id='dash-requests'>
            <LinkTiles
              className='dash-stats-4'
              tiles={[
                { id: 'dash-requests-received', label: '收到', value: d.requests.received30d, sub: '近30天', url: reqUrl({}) },
                {
                  id: 'dash-requests-resolved',
                  label: '已解决',
                  value: d.requests.resolved30d,
                  sub: '近30天',
                  tone: 'green',
                  url: reqUrl({ status: 'resolved' }),
                },
                {
                  id: 'dash-requests-open',
                  label: '待处理',
                  value: d.requests.open,
                  sub: '未办结（含处理中）',
                  tone: warn(d.requests.open, 'amber'),
                  url: reqUrl({ status: 'open' }),
                },
                {
                  id: 'dash-requests-overdue',
                  label: '逾期',
                  value: d.requests.overdue,
                  sub: '超过3个工作日',
                  tone: warn(d.requests.overdue, 'red'),
                  url: reqUrl({ overdue: true }),
                },
              ]}
            />
            <Text className='org-chart-title'>各组织诉求办理（全部时间）</Text>
            <Loaded remote={reqStats}>
              {(stats) => <RequestTable stats={stats} onOpen={(id) => void Taro.navigateTo({ url: pageUrl(ORG_PAGES.requests, { organisationId: id }) })} />}
            </Loaded>
          </Section>
        </View>
      )}
    </View>
  );
}

export default withDesk(DashboardPage, 'dashboard');
