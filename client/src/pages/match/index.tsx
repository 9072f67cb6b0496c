import { useRef, useState } from 'react';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import { confirmDanger } from '@/ui/toast';
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { GENDER_LABELS, OCCUPATION_LABELS, ReportSchema, type MatchBoard, type MatchCard, type MatchList } from '@xlx/shared';
import StateView from '@/ui/StateView';
import { eventsService } from '@/services/events';
import { matchmakingService } from '@/services/matchmaking';
import { ApiError, errorMessage, isApiError } from '@/services/request';
import { getToken } from '@/services/token';
import { MANUAL, useData } from '@/lib/useData';
import { chinaDateTimeText } from '@/lib/format';
import { SHARE_IMAGE } from '@/services/share';
import PrivacySheet from '@/ui/PrivacySheet';
import './index.css';
import Icon from '@/ui/Icon';
import TextScale from '@/ui/TextScale';
import Page from '@/ui/Page';

type Tab = 'board' | 'matches';
const CONTACT_LABELS = { wechat: '微信号', phone: '手机号' } as const;
const REPORT_MAX = 200;

/** A load that failed: PICK_REFUSED is a state of the page (not checked in, not open yet), not a fault. */
interface LoadError {
  refused: boolean;
  message: string;
}

const BAD_LINK = new ApiError({ code: 'NOT_FOUND', status: 404, message: '链接不完整，请从活动页面重新进入' });

function loadError(e: unknown): LoadError {
  return { refused: isApiError(e) && e.code === 'PICK_REFUSED', message: errorMessage(e) };
}

/** What the worker can do about a refusal. */
function refusalHint(message: string): { text: string; action?: 'profile' | 'tickets' } {
  if (message.includes('签到')) return { text: '在活动现场出示电子票给工作人员扫码，或扫现场的签到码，签到后回到这里', action: 'tickets' };
  if (message.includes('交友资料')) return { text: '创建交友资料后就能参加互选', action: 'profile' };
  if (message.includes('还没有')) return { text: '互选开放后下拉刷新本页即可' };
  return { text: '下拉可以刷新' };
}

function Avatar({ card }: { card: Pick<MatchCard, 'displayName' | 'photoUrl' | 'gender'> }) {
  if (card.photoUrl) return <Image className='circle avatar-round mt-avatar' src={card.photoUrl} mode='aspectFill' ariaLabel={`${card.displayName}的照片`} />;
  return (
    <View className={`circle avatar-round mt-avatar ${card.gender === 'female' ? 'mt-avatar-f' : 'mt-avatar-m'}`}>
      <TextScale />
      <Text>{card.displayName.slice(0, 1)}</Text>
    </View>
  );
}

function CardInfo({ card }: { card: Omit<MatchCard, 'pickedByMe'> }) {
  return (
    <View className='row mt-info'>
      <TextScale />
      <Avatar card={card} />
      <View className='stack'>
        <Text className='person-name'>{card.displayName}</Text>
        <Text className='muted'>
          {GENDER_LABELS[card.gender]} · {card.age}岁 · {OCCUPATION_LABELS[card.occupation]}
        </Text>
        <View className='muted icon-line'>
          <Icon name='pin' label='城市' />
          <Text>{card.city}</Text>
        </View>
      </View>
    </View>
  );
}

export default function MatchPage() {
  const { params } = useRouter();
  const eventId = Number(params.eventId);
  const validId = Number.isInteger(eventId) && eventId > 0;
  const [tab, setTab] = useState<Tab>(params.tab === 'matches' ? 'matches' : 'board');
  const [title, setTitle] = useState('');
  // The picking board is private: a forwarded card invites friends to the social's event page instead.
  useShareAppMessage(() => ({
    title: title ? `${title} · 青年交友活动` : '工会青年交友活动',
    path: `/pages/event/index?id=${eventId}`,
    imageUrl: SHARE_IMAGE,
  }));
  /** My registration for the event: the ticket to show at the door. */
  const [registrationId, setRegistrationId] = useState<number | null>(null);
  // Loaded for the open tab only, on show, pull-down and tab switch.
  const boardRemote = useData<MatchBoard>(() => (validId ? matchmakingService.board(eventId) : Promise.reject(BAD_LINK)), MANUAL);
  const matchesRemote = useData<MatchList>(() => (validId ? matchmakingService.matches(eventId) : Promise.reject(BAD_LINK)), MANUAL);
  const board = boardRemote.error ? null : boardRemote.data;
  const boardError = boardRemote.error && loadError(boardRemote.error);
  const matches = matchesRemote.error ? null : matchesRemote.data;
  const matchesError = matchesRemote.error && loadError(matchesRemote.error);
  /** The one card an action is running for: nothing else can be tapped meanwhile. */
  const [busy, setBusy] = useState<string | null>(null);
  const busyRef = useRef(false);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [reportFor, setReportFor] = useState<string | null>(null);
  const [reportText, setReportText] = useState('');
  const [reportError, setReportError] = useState('');

  const loadBoard = () => boardRemote.reload();
  const loadMatches = () => matchesRemote.reload();

  const load = async (which: Tab = tab) => {
    await (which === 'board' ? loadBoard() : loadMatches());
    if (!title && validId && getToken()) {
      eventsService.get(eventId).then(
        (e) => {
          setTitle(e.title);
          setRegistrationId(e.me?.registration && e.me.registration.status !== 'cancelled' ? e.me.registration.id : null);
        },
        () => undefined,
      );
    }
  };

  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const switchTab = (t: Tab) => {
    if (t === tab) return;
    setTab(t);
    setMenuFor(null);
    setReportFor(null);
    void load(t);
  };

  /** Runs one action at a time; a second tap while it runs does nothing. */
  const run = async (cardId: string, action: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(cardId);
    try {
      await action();
    } catch (e) {
      await Taro.showModal({ title: '没有成功', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
      if (isApiError(e) && (e.code === 'PICK_REFUSED' || e.code === 'NOT_FOUND')) void loadBoard();
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  const togglePick = (c: MatchCard) =>
    run(c.id, async () => {
      const b = c.pickedByMe ? await matchmakingService.unpick(eventId, c.id) : await matchmakingService.pick(eventId, c.id);
      boardRemote.setData(b);
    });

  const block = async (c: MatchCard) => {
    setMenuFor(null);
    const confirm = await confirmDanger({
      title: `屏蔽“${c.displayName}”`,
      content: '屏蔽后你不会再看到TA，你们也不会配对。对方不会收到任何通知。确定屏蔽吗？',
      confirmText: '确定屏蔽',
      cancelText: '再想想',
    });
    if (!confirm) return;
    await run(c.id, async () => {
      await matchmakingService.block(eventId, c.id);
      await Taro.showToast({ title: '已屏蔽', icon: 'success' });
      await loadBoard();
    });
  };

  const openReport = (c: MatchCard) => {
    setMenuFor(null);
    setReportFor(c.id);
    setReportText('');
    setReportError('');
  };

  const sendReport = (c: MatchCard) => {
    const parsed = ReportSchema.safeParse({ reason: reportText });
    if (!parsed.success) {
      setReportError(parsed.error.issues[0]?.message ?? '请写明举报原因');
      return;
    }
    return run(c.id, async () => {
      await matchmakingService.report(eventId, c.id, parsed.data.reason);
      setReportFor(null);
      setReportText('');
      await Taro.showModal({
        title: '已举报',
        content: '组织者会尽快核实处理，举报人信息保密。如需要，也可以同时屏蔽TA。',
        showCancel: false,
        confirmText: '知道了',
      });
    });
  };

  const copy = async (value: string, kind: keyof typeof CONTACT_LABELS) => {
    try {
      await Taro.setClipboardData({ data: value });
      await Taro.showToast({ title: kind === 'wechat' ? '已复制，去微信添加好友吧' : '号码已复制', icon: 'none' });
    } catch {
      await Taro.showToast({ title: '复制失败，请长按号码手动复制', icon: 'none' });
    }
  };

  const removeMatch = async (cardId: string, name: string) => {
    const confirm = await confirmDanger({
      title: '解除配对',
      content: `解除后，你和“${name}”都将看不到对方的联系方式，不能恢复。确定解除吗？`,
      confirmText: '确定解除',
      cancelText: '再想想',
    });
    if (!confirm) return;
    await run(cardId, async () => {
      await matchmakingService.removeMatch(eventId, cardId);
      await Taro.showToast({ title: '已解除配对', icon: 'success' });
      await loadMatches();
    });
  };

  const refusedView = (err: LoadError, id: string) => {
    const hint = err.refused ? refusalHint(err.message) : null;
    return (
      <View className='card'>
        <TextScale />
        <StateView
          id={id}
          icon={err.refused ? 'heart' : 'warning'}
          title={err.message}
          text={hint ? hint.text : '请检查网络后重试'}
          actionText={hint?.action === 'profile' ? '创建交友资料' : hint?.action === 'tickets' ? '查看我的电子票' : '重新加载'}
          onAction={() => {
            if (hint?.action === 'profile') void Taro.navigateTo({ url: `/pages/match-profile/index?eventId=${eventId}` });
            else if (hint?.action === 'tickets')
              void Taro.navigateTo({ url: registrationId ? `/pages/ticket/index?id=${registrationId}` : '/pages/registrations/index' });
            else void load();
          }}
        />
      </View>
    );
  };

  const boardView = () => {
    if (boardError) return refusedView(boardError, 'match-refused');
    if (!board) return <StateView id='match-loading' title='正在加载…' />;
    const b = board;
    const full = b.picksUsed >= b.picksAllowed;
    const windowText = b.window.closed
      ? `互选已于 ${chinaDateTimeText(b.window.closesAt)} 结束`
      : b.window.open
        ? `互选进行中，${chinaDateTimeText(b.window.closesAt)} 截止`
        : `${chinaDateTimeText(b.window.opensAt)} 开始互选，到时再来`;
    return (
      <View>
        <View className='card mt-summary' id='match-window'>
          <Text className={`muted mt-block ${b.window.open ? 'text-success' : ''}`}>{windowText}</Text>
          <View className='mt-count-row'>
            <Text className='mt-count-label'>我的选择</Text>
            <Text id='match-count' className='mt-count'>
              已选 {b.picksUsed} / {b.picksAllowed}
            </Text>
          </View>
          {b.window.open && full ? <Text className='muted mt-block'>已选满，想换人可以先取消一位</Text> : null}
        </View>

        {b.cards.length === 0 ? (
          <View className='card'>
            <StateView id='match-board-empty' icon='smile' title='还没有其他人签到' text='参加者签到后会出现在这里，稍后下拉刷新看看' />
          </View>
        ) : (
          b.cards.map((c) => {
            const mine = busy === c.id;
            const canToggle = b.window.open && (c.pickedByMe || !full);
            const label = mine ? '正在提交…' : c.pickedByMe ? '已选择' : b.window.closed ? '未选择' : !b.window.open ? '未开始' : full ? '已选满' : '想再见面';
            return (
              <View key={c.id} id={`match-card-${c.id}`} className={`card mt-card ${c.pickedByMe ? 'mt-card-picked' : ''}`}>
                <View className='mt-card-top'>
                  <CardInfo card={c} />
                  <View
                    id={`match-more-${c.id}`}
                    className='circle mt-more'
                    hoverClass='list-row-active'
                    onClick={() => {
                      setReportFor(null);
                      setMenuFor((m) => (m === c.id ? null : c.id));
                    }}
                  >
                    <Text>⋯</Text>
                  </View>
                </View>
                {c.intro ? <Text className='text-body mt-intro'>{c.intro}</Text> : null}

                {menuFor === c.id ? (
                  <View className='mt-menu' id={`match-menu-${c.id}`}>
                    <View id={`match-block-${c.id}`} className='mt-menu-item' hoverClass='list-row-active' onClick={() => void block(c)}>
                      <Text>屏蔽TA</Text>
                    </View>
                    <View id={`match-report-${c.id}`} className='mt-menu-item' hoverClass='list-row-active' onClick={() => openReport(c)}>
                      <Text>举报</Text>
                    </View>
                    <View className='mt-menu-item mt-menu-cancel' hoverClass='list-row-active' onClick={() => setMenuFor(null)}>
                      <Text>取消</Text>
                    </View>
                  </View>
                ) : null}

                {reportFor === c.id ? (
                  <View className={`mt-report field ${reportError ? 'field-invalid' : ''}`} id={`match-report-box-${c.id}`}>
                    <Text className='field-label'>举报原因（组织者会核实处理，不会告诉对方是谁举报的）</Text>
                    <Textarea
                      id={`match-report-reason-${c.id}`}
                      className='field-textarea mt-report-input'
                      value={reportText}
                      maxlength={REPORT_MAX}
                      placeholder='例如：言语骚扰、资料虚假'
                      onInput={(e) => {
                        setReportText(e.detail.value);
                        setReportError('');
                      }}
                    />
                    {reportError ? (
                      <Text className='field-error'>{reportError}</Text>
                    ) : (
                      <Text className='field-counter'>
                        {reportText.length}/{REPORT_MAX}
                      </Text>
                    )}
                    <View className='btn-pair'>
                      <Button className='btn btn-secondary' onClick={() => setReportFor(null)}>
                        取消
                      </Button>
                      <Button
                        id={`match-report-send-${c.id}`}
                        className={`btn btn-primary ${mine ? 'btn-busy' : ''}`}
                        disabled={!!busy}
                        onClick={() => void sendReport(c)}
                      >
                        {mine ? '正在提交…' : '提交举报'}
                      </Button>
                    </View>
                  </View>
                ) : null}

                <Button
                  id={`match-pick-${c.id}`}
                  className={`btn mt-pick ${c.pickedByMe ? 'mt-pick-on' : canToggle ? 'mt-pick-off' : 'btn-disabled'} ${mine ? 'btn-busy' : ''}`}
                  disabled={!canToggle || !!busy}
                  onClick={() => (canToggle ? void togglePick(c) : undefined)}
                >
                  {label}
                </Button>
                {c.pickedByMe && b.window.open ? <Text className='muted mt-block mt-center'>再点一下可以取消</Text> : null}
              </View>
            );
          })
        )}
      </View>
    );
  };

  const matchesView = () => {
    if (matchesError) return refusedView(matchesError, 'match-refused');
    if (!matches) return <StateView id='match-loading' title='正在加载…' />;
    if (!matches.revealed) {
      return (
        <View className='card'>
          <TextScale />
          <StateView
            id='match-pending'
            icon='hourglass'
            title={matches.revealAt ? `结束后公布（${chinaDateTimeText(matches.revealAt)}）` : '结束后公布'}
            text='互选结束后，双方互选的配对结果和联系方式会在这里显示'
          />
        </View>
      );
    }
    if (matches.items.length === 0 && !matches.picking.closed) {
      // Results show as soon as two people pick each other; "no match" is not final before the close.
      return (
        <View className='card'>
          <TextScale />
          <StateView
            id='match-not-yet'
            icon='hourglass'
            title='还没有配对'
            text={`双方互相选择后，结果会立即显示在这里。互选 ${chinaDateTimeText(matches.picking.closesAt)} 截止，在此之前都可能有新的配对`}
          />
        </View>
      );
    }
    if (matches.items.length === 0) {
      return (
        <View className='card'>
          <TextScale />
          <StateView id='match-empty' icon='sprout' title='这次没有配对成功，也许下次' text='多参加工会的交友活动，总会遇到合适的人' />
        </View>
      );
    }
    return (
      <View>
        <Text className='mt-matches-title'>有 {matches.items.length} 位和你互相选择了对方</Text>
        {matches.items.map((m) => {
          const mine = busy === m.card.id;
          return (
            <View key={m.card.id} id={`match-card-${m.card.id}`} className='card mt-card mt-card-picked'>
              <CardInfo card={m.card} />
              {m.card.intro ? <Text className='text-body mt-intro'>{m.card.intro}</Text> : null}
              <View className='row-between contact-box mt-contact'>
                <View className='stack'>
                  <Text className='muted'>{CONTACT_LABELS[m.contact.kind]}</Text>
                  <Text id={`match-contact-${m.card.id}`} className='contact-value' userSelect>
                    {m.contact.value}
                  </Text>
                </View>
                <Button id={`match-copy-${m.card.id}`} className='btn btn-primary mt-copy' onClick={() => void copy(m.contact.value, m.contact.kind)}>
                  复制
                </Button>
              </View>
              <Text className='muted mt-block'>配对于 {chinaDateTimeText(m.matchedAt)}，添加好友时请说明是“心连新”交友活动认识的</Text>
              <Button
                id={`match-remove-${m.card.id}`}
                className={`btn btn-danger mt-remove ${mine ? 'btn-busy' : ''}`}
                disabled={!!busy}
                onClick={() => void removeMatch(m.card.id, m.card.displayName)}
              >
                {mine ? '正在解除…' : '解除配对'}
              </Button>
            </View>
          );
        })}
      </View>
    );
  };

  return (
    <Page name='match'>
      {title ? <Text className='mt-title'>{title}</Text> : null}
      <View className='mt-tabs'>
        <View id='match-tab-board' className={`mt-tab ${tab === 'board' ? 'mt-tab-active' : ''}`} onClick={() => switchTab('board')}>
          <Text>互选</Text>
        </View>
        <View id='match-tab-matches' className={`mt-tab ${tab === 'matches' ? 'mt-tab-active' : ''}`} onClick={() => switchTab('matches')}>
          <Text>配对结果</Text>
        </View>
      </View>
      <View className='mt-note icon-line' id='match-note'>
        <Icon name='lock' />
        <Text>只有双方互选才会配对，对方不会知道你选了谁</Text>
      </View>
      {tab === 'board' ? boardView() : matchesView()}
      <PrivacySheet />
    </Page>
  );
}
