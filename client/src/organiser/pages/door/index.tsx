import { useEffect, useRef, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { chinaHHmm, type DoorAttendee, type DoorScanResult, type Event } from '@xlx/shared';
import scanIcon from '@/assets/icons/scan.png';
import { organiserService } from '@/services/organiser';
import { isApiError } from '@/services/request';
import { goToLogin } from '@/services/session';
import { cameraFailure, scanInBrowser } from '@/lib/browser-scan';
import { OrgPageGate } from '@/ui/PageState';
import SearchField from '@/ui/SearchField';
import { MANUAL, useData } from '@/lib/useData';
import { isH5, isWeapp } from '@/lib/pages';
import { ORG_PAGES, idParam } from '@/lib/org-pages';
import { fmtRange } from '@/lib/format-org';
import { BusyButton, HeadText } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';
import './index.css';

type Tone = 'ok' | 'already' | 'error';

interface DoorResult {
  key: number;
  tone: Tone;
  title: string;
  text: string;
  at: string;
  /** Kept for a retry after a network failure (the server answers "already" if it did go through). */
  code: string;
  retryable: boolean;
  /** Refused only for the door's hours: the organiser may still admit on purpose (仍然放行). */
  overridable?: boolean;
  /** Checked in by hand from the search: the override admits this registration. */
  registrationId?: number;
}

/** What the organiser may do after a refused scan: try again (network), or admit anyway (the door's hours). */
const RESULT_ACTIONS = [
  { id: 'door-retry', when: 'retryable', override: false, label: '重试' },
  { id: 'door-override', when: 'overridable', override: true, label: '仍然放行' },
] as const;

const HISTORY = 10;
/** How often every open door device asks for the counts: another device's check-in shows within seconds. */
const COUNTS_MS = 5000;

interface Counts {
  checkedIn: number;
  expected: number;
  version: string;
}

/** The door of an event: scan (or type) tickets, see at once who may come in. */
export default function DoorPage() {
  const { params } = useRouter();
  const eventId = idParam(params.eventId) ?? 0;
  const event = useData<Event>(() => organiserService.event(eventId), MANUAL);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ q: string; items: DoorAttendee[]; total: number } | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState('');
  const versionRef = useRef<string | undefined>(undefined);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DoorResult | null>(null);
  const [history, setHistory] = useState<DoorResult[]>([]);
  const [focus, setFocus] = useState(true);
  const seq = useRef(0);
  const busyRef = useRef(false);

  /** Asks with the version shown: an unchanged answer is a few bytes and changes nothing. */
  const loadCounts = async () => {
    if (isH5 && typeof document !== 'undefined' && document.hidden) return;
    try {
      const c = await organiserService.doorCounts(eventId, versionRef.current);
      if (c.changed && c.checkedIn !== undefined && c.expected !== undefined) {
        versionRef.current = c.version;
        setCounts({ checkedIn: c.checkedIn, expected: c.expected, version: c.version });
      }
    } catch {
      // The count is a convenience; scanning works without it.
    }
  };
  const stopPoll = () => {
    if (poll.current) clearInterval(poll.current);
    poll.current = null;
  };

  useDidShow(() => {
    if (!eventId) return;
    void event.reload(event.data !== null);
    void loadCounts();
    stopPoll();
    poll.current = setInterval(() => void loadCounts(), COUNTS_MS);
  });
  useDidHide(stopPoll);
  useUnload(stopPoll);
  useEffect(() => {
    if (!isH5 || typeof document === 'undefined') return undefined;
    const onVisible = () => {
      if (!document.hidden) void loadCounts();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventId]);

  const search = async (raw: string) => {
    const q = raw.trim();
    if (!q) {
      setSearchError('请输入姓名，或手机号后4位');
      setFound(null);
      return;
    }
    if (/^\d{1,3}$/.test(q)) {
      setSearchError('手机号请至少输入后4位');
      setFound(null);
      return;
    }
    setSearching(true);
    setSearchError('');
    try {
      const r = await organiserService.doorSearch(eventId, q);
      setFound({ q, items: r.items, total: r.total });
    } catch (e) {
      setSearchError(isApiError(e) ? e.message : '查找失败，请重试');
    } finally {
      setSearching(false);
    }
  };

  /** Ready for the next ticket: empty input with the cursor in it. */
  const readyForNext = () => {
    setCode('');
    setFocus(false);
    setTimeout(() => {
      setFocus(true);
      if (isH5) (document.querySelector('#door-code-input input') as HTMLInputElement | null)?.focus();
    }, 50);
  };

  const show = (r: Omit<DoorResult, 'key' | 'at'>) => {
    const full: DoorResult = { ...r, key: ++seq.current, at: chinaHHmm(new Date()) };
    setResult(full);
    setHistory((h) => [full, ...h].slice(0, HISTORY));
    if (isWeapp) {
      if (r.tone === 'ok') void Taro.vibrateShort({ type: 'heavy' }).catch(() => undefined);
      else void Taro.vibrateLong().catch(() => undefined);
    }
  };

  const submit = async (raw: string, override = false, registrationId?: number) => {
    const ticket = registrationId ? '' : raw.trim();
    if (busyRef.current) return; // never two scans at once
    if (!ticket && !registrationId) {
      show({
        tone: 'error',
        title: '没有票码',
        text: isWeapp ? '请对准参加者手机上的电子票二维码再扫一次。' : '请粘贴或输入电子票下方的票码，再点「验票」。',
        code: '',
        retryable: false,
      });
      readyForNext();
      return;
    }
    busyRef.current = true;
    setBusy(true);
    try {
      const r: DoorScanResult = registrationId
        ? await organiserService.manualCheckin(eventId, registrationId, override)
        : await organiserService.scanTicket(eventId, ticket, override);
      if (registrationId) {
        // The row in the search answer shows who is in now.
        setFound((f) =>
          f
            ? {
                ...f,
                items: f.items.map((i) =>
                  i.registrationId === registrationId ? { ...i, checkedInAt: r.checkedInAt, checkinMethod: i.checkinMethod ?? 'manual' } : i,
                ),
              }
            : f,
        );
      }
      if (r.result === 'ok' && r.override) {
        show({
          tone: 'ok',
          title: `${r.attendeeName} 已破例放行`,
          text: `${chinaHHmm(r.checkedInAt)} 入场。不在入场时间内，已按您的决定放行并记录。`,
          code: ticket,
          retryable: false,
        });
      } else if (r.result === 'ok') {
        show({ tone: 'ok', title: `${r.attendeeName} 签到成功`, text: `${chinaHHmm(r.checkedInAt)} 入场，请放行`, code: ticket, retryable: false });
      } else {
        show({
          tone: 'already',
          title: `${r.attendeeName} 已签到过`,
          text: `已于 ${chinaHHmm(r.checkedInAt)} 由 ${r.checkedInBy ?? '本人自助'} 签到。请核对是否本人，勿重复放行。`,
          code: ticket,
          retryable: false,
        });
      }
      void loadCounts();
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        show({ tone: 'error', title: '登录已失效', text: '请重新登录后继续验票。', code: ticket, retryable: false });
        setTimeout(() => goToLogin(), 1500);
      } else if (isApiError(e) && e.code === 'NETWORK') {
        show({
          tone: 'error',
          title: '网络不给力，未能验票',
          text: '请检查网络后点「重试」，或让参加者稍候再扫。',
          code: ticket,
          retryable: true,
          registrationId,
        });
      } else if (isApiError(e) && e.code === 'DOOR_NOT_OPEN') {
        show({
          tone: 'error',
          title: '不在入场时间',
          text: `${e.message}。确需提前或补签入场，可点「仍然放行」（会记录为破例放行）。`,
          code: ticket,
          retryable: false,
          overridable: true,
          registrationId,
        });
      } else {
        const title =
          isApiError(e) && e.code === 'TICKET_INVALID'
            ? '无效的票'
            : isApiError(e) && e.code === 'TICKET_WRONG_EVENT'
              ? '不是本场活动的票'
              : isApiError(e) && e.code === 'TICKET_NOT_CONFIRMED'
                ? '没有有效名额'
                : '不能入场';
        show({
          tone: 'error',
          title,
          text: isApiError(e) ? e.message : '验票失败，请重试',
          code: ticket,
          retryable: !isApiError(e) || e.status >= 500,
          registrationId,
        });
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
      readyForNext();
    }
  };

  const scan = async () => {
    if (busyRef.current) return;
    if (isH5) {
      try {
        const read = await scanInBrowser('扫描参加者的电子票');
        if (read !== null) await submit(read);
        else readyForNext();
      } catch (err) {
        const text = cameraFailure(err);
        show({ tone: 'error', title: '无法使用相机', text, code: '', retryable: false });
        readyForNext();
      }
      return;
    }
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await submit(res.result || '');
    } catch (e) {
      const msg = (e as { errMsg?: string }).errMsg ?? '';
      if (!msg.includes('cancel')) void Taro.showToast({ title: '无法打开相机，请在设置中允许使用相机，或手动输入票码', icon: 'none', duration: 3000 });
    }
  };

  if (!eventId || !event.data) return <OrgPageGate id={eventId} remote={event} what='活动' backUrl={ORG_PAGES.events} />;

  const e = event.data;

  return (
    <View className='page org-page door' id='door-page'>
      <View className='door-head'>
        <HeadText titleClass='door-event' title={e.title} sub={fmtRange(e.startsAt, e.endsAt)} />
        <View className='door-count' id='door-count'>
          <Text className='door-count-label'>已入场 / 应到</Text>
          <Text className='door-count-num'>
            <Text id='door-count-in'>{counts ? counts.checkedIn : '–'}</Text>
            <Text className='door-count-total'> / </Text>
            <Text className='door-count-total' id='door-count-expected'>
              {counts ? counts.expected : '–'}
            </Text>
          </Text>
          <Text className='door-count-label'>多台设备每5秒同步</Text>
        </View>
      </View>

      {e.status !== 'published' ? (
        <Text className='note-box note-warning org-notice'>
          {e.status === 'draft' ? '活动还是草稿，尚未发布，没有人能报名。' : '活动已取消，所有票均无效。'}
        </Text>
      ) : null}

      <View className='org-grid door-grid'>
        <View className='org-col'>
          {isWeapp || isH5 ? (
            <Button
              id='door-scan'
              className={`scan-target door-scan ${busy ? 'btn-busy' : ''}`}
              hoverClass='scan-target-active'
              disabled={busy}
              onClick={() => void scan()}
            >
              <View className='door-scan-inner'>
                <Image className='door-scan-icon' src={scanIcon} mode='scaleToFill' ariaLabel='扫码' />
                <Text className='door-scan-title'>{busy ? '正在验票…' : '扫码验票'}</Text>
                <Text className='door-scan-sub'>扫参加者手机上的电子票</Text>
              </View>
            </Button>
          ) : null}

          <View className='card door-manual'>
            <Text className='field-label'>{isWeapp ? '扫不出来？手动输入票码' : '相机扫不出来？粘贴或输入票码（电子票二维码下方的字符），也可用扫码枪'}</Text>
            <View className='door-manual-row'>
              <Input
                id='door-code-input'
                className='field-input door-input'
                value={code}
                focus={isH5 ? focus : false}
                placeholder='例如 T1.xxxx.xxxxxxxxxxxx'
                confirmType='done'
                maxlength={200}
                onInput={(ev) => setCode(ev.detail.value)}
                onConfirm={(ev) => void submit(ev.detail.value || code)}
              />
              <BusyButton id='door-submit' tone='primary' busy={busy} className='door-submit' onClick={() => void submit(code)}>
                验票
              </BusyButton>
            </View>
          </View>

          <View className='card door-search' id='door-search'>
            <Text className='field-label'>没带手机、打不开电子票？按姓名或手机号后4位查找，核对本人后签到</Text>
            <View className='door-manual-row'>
              <SearchField
                id='door-search-input'
                className='field-input door-input'
                value={query}
                placeholder='姓名或手机号后4位'
                onInput={setQuery}
                onSearch={(q) => void search(q)}
              />
              <BusyButton id='door-search-submit' tone='secondary' busy={searching} spin={false} className='door-submit' onClick={() => void search(query)}>
                查找
              </BusyButton>
            </View>
            {searchError ? <Text className='door-search-note door-search-error'>{searchError}</Text> : null}
            {found && found.items.length === 0 ? (
              <Text className='door-search-note' id='door-search-empty'>
                没有找到“{found.q}”。请核对姓名，或换手机号后4位再试；未报名的人不能入场。
              </Text>
            ) : null}
            {found && found.total > found.items.length ? (
              <Text className='door-search-note'>
                共 {found.total} 人符合，只显示前 {found.items.length} 人，请输入更完整的姓名或更多位手机号
              </Text>
            ) : null}
            {found
              ? found.items.map((a) => (
                  <View className='door-attendee' key={a.registrationId} id={`door-attendee-${a.registrationId}`}>
                    <View className='org-head-text'>
                      <Text className='door-attendee-name'>{a.name}</Text>
                      <Text className='door-attendee-sub'>
                        {a.phoneLast4 ? `手机尾号 ${a.phoneLast4}` : '未留手机号'}
                        {a.status === 'waitlisted' ? '（候补，没有正式名额）' : ''}
                      </Text>
                    </View>
                    {a.checkedInAt ? (
                      <Text className='door-attendee-in'>{chinaHHmm(a.checkedInAt)} 已入场</Text>
                    ) : a.status === 'confirmed' ? (
                      <Button
                        className='btn btn-primary door-attendee-btn'
                        id={`door-checkin-${a.registrationId}`}
                        disabled={busy}
                        onClick={() => void submit('', false, a.registrationId)}
                      >
                        签到
                      </Button>
                    ) : (
                      <Text className='door-attendee-sub'>不能入场</Text>
                    )}
                  </View>
                ))
              : null}
          </View>

          {result ? (
            <View id='door-result' key={result.key} className={`door-result door-${result.tone}`}>
              <Text className='door-result-title' id='door-result-title'>
                {result.title}
              </Text>
              <Text className='door-result-text'>{result.text}</Text>
              {RESULT_ACTIONS.map(({ id, when, override, label }) =>
                result[when] && (result.code || result.registrationId) ? (
                  <Button
                    key={id}
                    id={id}
                    className='btn btn-secondary door-retry'
                    disabled={busy}
                    onClick={() => void submit(result.code, override, result.registrationId)}
                  >
                    {label}
                  </Button>
                ) : null,
              )}
            </View>
          ) : (
            <View className='door-result door-idle' id='door-idle'>
              <Text className='door-result-title'>等待验票</Text>
              <Text className='door-result-text'>
                {isWeapp ? '点上方「扫码验票」，对准参加者的电子票。' : '点「扫码验票」用电脑或手机的相机扫电子票，或输入票码后按回车。'}
              </Text>
            </View>
          )}
        </View>

        <View className='card org-col' id='door-history'>
          <Text className='section-title'>最近验票</Text>
          {history.length === 0 ? (
            <Text className='muted'>还没有验票记录。每次验票结果会显示在这里（最近 {HISTORY} 条）。</Text>
          ) : (
            history.map((h) => (
              <View className='door-history-row' key={h.key}>
                <View className={`door-dot door-dot-${h.tone}`} />
                <View className='org-head-text'>
                  <Text className='door-history-title'>{h.title}</Text>
                  {h.tone !== 'ok' ? <Text className='door-history-text'>{h.text}</Text> : null}
                </View>
                <Text className='door-history-time'>{h.at}</Text>
              </View>
            ))
          )}
          <Button className='btn btn-secondary door-list-btn' onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.attendance}?eventId=${e.id}` })}>
            查看签到名单
          </Button>
        </View>
      </View>
    </View>
  );
}
