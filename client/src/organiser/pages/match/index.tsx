import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { LIMITS, MatchSettingsSchema, issuesByField, toFieldIssues, type Event, type MatchSettings } from '@xlx/shared';
import FormField from '@/ui/FormField';
import StateView from '@/ui/StateView';
import { organiserService, type MatchReport, type MatchStats } from '@/services/organiser';
import { isApiError } from '@/services/request';
import { OrgPageGate } from '@/ui/PageState';
import Badge from '@/ui/Badge';
import Chips from '@/ui/Chips';
import { StatTile } from '@/ui/Controls';
import { DateField, TextField } from '@/organiser/components/FormBits';
import { MANUAL, useData } from '@/lib/useData';
import { ORG_PAGES, idParam } from '@/lib/org-pages';
import { fmtDateTime, fmtRange, splitChinaIso, toChinaIso } from '@/lib/format-org';
import { scrollToFirstError, showActionError, toast } from '@/ui/toast';
import { BusyButton, CardHead, Loaded, RowButton, Section, useBusy, useReloadAll } from '@/organiser/components/Kit';
import { runGuarded } from '@/lib/useForm';
import { EventStatusBadge } from '@/organiser/components/EventBits';
import '@/organiser/organiser.css';
import './index.css';
import Icon from '@/ui/Icon';

interface DT {
  date: string;
  time: string;
}

interface Form {
  picks: string;
  opens: DT;
  closes: DT;
  reveal: 'end' | 'now';
  /** Seats per gender; '' means no limit. */
  male: string;
  female: string;
}

const REVEAL_OPTIONS: { value: Form['reveal']; label: string }[] = [
  { value: 'end', label: '结束后公布' },
  { value: 'now', label: '立即公布' },
];

/** The seats-per-gender fields: the form key (also the id and error path part), label, hint. */
const SEATS = [
  ['male', '男士名额', '留空表示不限'],
  ['female', '女士名额', '留空表示不限；男女名额之和可以少于活动总名额'],
] as const;
const SEAT_INPUT = { type: 'number', maxlength: 5, placeholder: '不限' } as const;

/** The last settings saved from this device fill the form at once, until the server's copy arrives. */
const storageKey = (eventId: number) => `xlx.org.matchSettings.${eventId}`;

function savedSettings(eventId: number): MatchSettings | null {
  try {
    const s = Taro.getStorageSync(storageKey(eventId)) as MatchSettings | '';
    return s && typeof s === 'object' && s.pickOpensAt ? s : null;
  } catch {
    return null;
  }
}

/** Defaults: picking opens when the event starts and closes a day after it ends. */
function formFrom(e: Event, s: MatchSettings | null): Form {
  const seat = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  if (s)
    return {
      picks: String(s.picksPerPerson),
      opens: splitChinaIso(s.pickOpensAt),
      closes: splitChinaIso(s.pickClosesAt),
      reveal: s.revealAtOnce ? 'now' : 'end',
      male: seat(s.seatsPerGender?.male),
      female: seat(s.seatsPerGender?.female),
    };
  return {
    picks: '3',
    opens: splitChinaIso(e.startsAt),
    closes: splitChinaIso(new Date(Date.parse(e.endsAt) + 86400_000).toISOString()),
    reveal: 'end',
    male: '',
    female: '',
  };
}

function summary(s: MatchSettings): string {
  return `每人最多选 ${s.picksPerPerson} 位；${fmtRange(s.pickOpensAt, s.pickClosesAt)}；${s.revealAtOnce ? '双方互选后立即公布' : '互选结束后统一公布'}`;
}

/** A matchmaking social's picking rules, its counts (never who picked whom) and reports. */
export default function MatchPage() {
  const { params } = useRouter();
  const eventId = idParam(params.eventId) ?? 0;
  const event = useData<Event>(() => organiserService.event(eventId), MANUAL);
  const stats = useData<MatchStats>(() => organiserService.matchStats(eventId), MANUAL);
  const reports = useData<{ items: MatchReport[] }>(() => organiserService.matchReports(eventId), MANUAL);
  const [saved, setSaved] = useState<MatchSettings | null>(() => (eventId ? savedSettings(eventId) : null));
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const { busy, act } = useBusy();

  const isSocial = event.data?.kind === 'matchmaking';
  useReloadAll(Boolean(eventId), event, stats, reports);

  // The form is filled once, from the server's copy (or the defaults when nothing is saved there);
  // filling it earlier from defaults would let 保存设置 overwrite the saved window and reveal mode.
  const [settingsKnown, setSettingsKnown] = useState(false);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const loadSettings = () => {
    setSettingsError(null);
    organiserService
      .matchSettings(eventId)
      .then((s) => {
        setSaved(s);
        setSettingsKnown(true);
      })
      .catch((err) => {
        if (isApiError(err) && err.code === 'NOT_FOUND') {
          setSaved(null); // nothing saved yet: the defaults stand
          setSettingsKnown(true);
        } else setSettingsError(isApiError(err) ? err.message : '加载失败');
      });
  };
  useEffect(() => {
    if (eventId) loadSettings();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventId]);

  useEffect(() => {
    if (event.data && settingsKnown && !form) setForm(formFrom(event.data, saved));
  }, [event.data, form, saved, settingsKnown]);

  if (!eventId || !event.data) return <OrgPageGate id={eventId} remote={event} what='活动' backUrl={ORG_PAGES.events} />;

  const e = event.data;

  if (!isSocial) {
    return (
      <View className='page org-page'>
        <View className='card'>
          <StateView
            id='match-not-social'
            icon='heart'
            title='这不是青年交友活动'
            text={`“${e.title}”是其他类型的活动，没有互选功能。只有类型为“青年交友”的活动可以设置互选。`}
            actionText='返回活动'
            onAction={() => void Taro.redirectTo({ url: `${ORG_PAGES.event}?id=${e.id}` })}
          />
        </View>
      </View>
    );
  }

  const clear = (...keys: string[]) =>
    setErrors((cur) => {
      if (!keys.some((k) => cur[k])) return cur;
      const next = { ...cur };
      keys.forEach((k) => delete next[k]);
      return next;
    });

  const update = <K extends keyof Form>(key: K, value: Form[K], ...errorKeys: string[]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    clear(...errorKeys);
  };

  const stepPicks = (delta: number) => {
    if (!form) return;
    const n = Number(form.picks);
    const next = Math.min(LIMITS.matchPicksMax, Math.max(1, (Number.isInteger(n) ? n : 3) + delta));
    update('picks', String(next), 'picksPerPerson');
  };

  const save = async () => {
    if (!form || saving) return;
    const parsed = MatchSettingsSchema.safeParse({
      picksPerPerson: form.picks.trim() === '' ? NaN : Number(form.picks.trim()),
      pickOpensAt: toChinaIso(form.opens.date, form.opens.time),
      pickClosesAt: toChinaIso(form.closes.date, form.closes.time),
      revealAtOnce: form.reveal === 'now',
      seatsPerGender: {
        male: form.male.trim() === '' ? null : Number(form.male.trim()),
        female: form.female.trim() === '' ? null : Number(form.female.trim()),
      },
    });
    if (!parsed.success) {
      const byField = issuesByField(toFieldIssues(parsed.error));
      if (byField.picksPerPerson) byField.picksPerPerson = `每人可选 1–${LIMITS.matchPicksMax} 位`;
      setErrors(byField);
      scrollToFirstError();
      return;
    }
    setErrors({});
    await runGuarded(
      saving,
      setSaving,
      async () => {
        const out = await organiserService.saveMatchSettings(e.id, parsed.data);
        setSaved(out);
        try {
          Taro.setStorageSync(storageKey(e.id), out);
        } catch {
          // Only the form's prefill is lost.
        }
        toast('已保存', 'success');
      },
      async (err) => {
        if (isApiError(err) && err.code === 'VALIDATION_FAILED' && err.issues.length) {
          setErrors(err.fieldErrors);
          scrollToFirstError();
        } else await showActionError(err, '保存失败');
      },
    );
  };

  const handle = (r: MatchReport) =>
    act(
      `match-report-handle-${r.id}`,
      async () => {
        await organiserService.handleMatchReport(e.id, r.id);
        reports.setData(reports.data ? { items: reports.data.items.map((x) => (x.id === r.id ? { ...x, handled: true } : x)) } : null);
        void stats.reload(true);
        toast('已标记为已处理', 'success');
      },
      '操作失败',
    );

  const openReports = reports.data ? reports.data.items.filter((r) => !r.handled) : [];
  const doneReports = reports.data ? reports.data.items.filter((r) => r.handled) : [];

  return (
    <View className='page org-page' id='match-page'>
      <View className='card'>
        <CardHead
          title={e.title}
          titleId='match-event-title'
          sub={`${fmtRange(e.startsAt, e.endsAt)} · ${e.venue}`}
          badge={<EventStatusBadge event={e} quiet />}
        />
        <View className='note-box note-info match-privacy icon-line' id='match-privacy'>
          <Icon name='lock' />
          <Text>为保护隐私，组织者只能看到统计数字，看不到任何人的选择</Text>
        </View>
      </View>

      <View className='org-grid'>
        <View className='card' id='match-stats'>
          <View className='match-card-head'>
            <Text className='section-title'>互选情况</Text>
            <Text
              className='org-link match-refresh'
              id='match-refresh'
              onClick={() => void Promise.all([stats.reload(true), reports.reload(true)]).then(() => toast('已刷新'))}
            >
              刷新
            </Text>
          </View>
          <Loaded remote={stats}>
            {(st) => (
              <View className='org-stats match-stats'>
                <StatTile id='match-count-male' label='男士' value={st.participants.male} sub='已签到' />
                <StatTile id='match-count-female' label='女士' value={st.participants.female} sub='已签到' />
                <StatTile id='match-count-picks' label='选择总数' value={st.picks} tone='grey' />
                <StatTile id='match-count-matches' label='配对成功' value={st.matches} tone='green' sub='双方互选' />
                <StatTile id='match-count-reports' label='待处理举报' value={st.reportsOpen} tone={st.reportsOpen > 0 ? 'red' : 'grey'} />
              </View>
            )}
          </Loaded>
          <Text className='field-hint'>参加者签到并填写交友资料后计入人数。配对成功的双方才能看到彼此的联系方式。</Text>
        </View>

        <Section title='互选设置' id='match-settings'>
          {saved ? (
            <Text className='note-box note-positive match-saved' id='match-saved'>
              已保存：{summary(saved)}
            </Text>
          ) : settingsKnown ? (
            <Text className='note-box note-warning org-notice' id='match-unsaved'>
              还没有保存过互选设置。保存后，已签到的参加者才能在互选时间内选择心仪的人。
            </Text>
          ) : null}
          {form ? (
            <>
              <FormField label='每人最多可选' error={errors.picksPerPerson} errorId='match-picks-error' hint={`1–${LIMITS.matchPicksMax} 位，默认 3 位`}>
                <View className='match-stepper'>
                  <Button id='match-picks-minus' className='btn btn-secondary match-step' ariaLabel='少选一位' onClick={() => stepPicks(-1)}>
                    －
                  </Button>
                  <Input
                    id='match-picks'
                    className='field-input match-picks'
                    type='number'
                    value={form.picks}
                    maxlength={2}
                    onInput={(ev) => update('picks', ev.detail.value, 'picksPerPerson')}
                  />
                  <Button id='match-picks-plus' className='btn btn-secondary match-step' ariaLabel='多选一位' onClick={() => stepPicks(1)}>
                    ＋
                  </Button>
                  <Text className='match-unit'>位</Text>
                </View>
              </FormField>
              <DateField
                label='互选开始'
                id='match-opens'
                error={errors.pickOpensAt}
                value={form.opens}
                onChange={(v) => update('opens', v, 'pickOpensAt', 'pickClosesAt')}
              />
              <DateField
                label='互选截止'
                id='match-closes'
                error={errors.pickClosesAt}
                hint='须晚于开始时间；截止后不能再更改选择'
                value={form.closes}
                onChange={(v) => update('closes', v, 'pickClosesAt')}
              />
              <FormField label='公布方式' error={errors.revealAtOnce}>
                <Chips look='org' idPrefix='match-reveal' options={REVEAL_OPTIONS} value={form.reveal} onChange={(v) => update('reveal', v, 'revealAtOnce')} />
                <Text className='field-hint'>
                  {form.reveal === 'end' ? '互选截止后，配对成功的双方同时看到结果，中途不会知道谁选了谁。' : '双方互相选择后立即看到配对结果和联系方式。'}
                </Text>
              </FormField>
              {SEATS.map(([key, label, hint]) => (
                <TextField
                  key={key}
                  label={label}
                  id={`match-seats-${key}`}
                  hint={hint}
                  error={errors[`seatsPerGender.${key}`]}
                  {...SEAT_INPUT}
                  value={form[key]}
                  onChange={(v) => update(key, v, `seatsPerGender.${key}`)}
                />
              ))}
              <View className='org-spacer' />
              <BusyButton id='match-save' tone='primary' busy={saving} disabled={saving || e.status === 'cancelled'} onClick={() => void save()}>
                保存设置
              </BusyButton>
              {saved ? null : <Text className='field-hint'>开始时间默认为活动开始，截止时间默认为活动结束后24小时。</Text>}
            </>
          ) : settingsError ? (
            <Text className='field-error' id='match-settings-error' onClick={loadSettings}>
              加载失败：{settingsError}（点此重试）
            </Text>
          ) : (
            <Text className='muted'>正在加载…</Text>
          )}
        </Section>
      </View>

      <View className='card' id='match-reports'>
        <Text className='section-title'>举报处理{openReports.length ? `（${openReports.length} 条待处理）` : ''}</Text>
        <Text className='muted match-reports-intro'>参加者可以举报不当行为。为保护举报人，这里不显示是谁举报的。</Text>
        <Loaded remote={reports}>
          {({ items }) =>
            items.length === 0 ? (
              <StateView id='match-reports-empty' icon='shield' title='没有举报' text='收到举报时会显示在这里。' />
            ) : (
              [...openReports, ...doneReports].map((r) => (
                <View key={r.id} id={`match-report-${r.id}`} className={`match-report ${r.handled ? 'match-report-done' : ''}`}>
                  <View className='org-head-text'>
                    <Text className='match-report-who'>被举报：{r.reportedName}</Text>
                    <Text className='match-report-reason'>{r.reason}</Text>
                    <Text className='org-sub'>{fmtDateTime(r.createdAt)}</Text>
                  </View>
                  {r.handled ? (
                    <Badge tone='grey'>已处理</Badge>
                  ) : (
                    <RowButton id={`match-report-handle-${r.id}`} tone='secondary' running={busy} className='match-report-btn' onClick={() => void handle(r)}>
                      标记已处理
                    </RowButton>
                  )}
                </View>
              ))
            )
          }
        </Loaded>
      </View>
    </View>
  );
}
