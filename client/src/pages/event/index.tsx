import { useState } from 'react';
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components';
import { confirmDanger } from '@/ui/toast';
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { eventKindLabel, ANSWER_TEXT_MAX, type Event, type Registration } from '@xlx/shared';
import FormField from '@/ui/FormField';
import InfoLine from '@/ui/InfoLine';
import Icon from '@/ui/Icon';
import Badge from '@/ui/Badge';
import { eventsService } from '@/services/events';
import { askSubscribe, prefetchSubscribeTemplates } from '@/services/subscribe';
import { matchmakingService } from '@/services/matchmaking';
import { cancelDeadline, registrationsService } from '@/services/registrations';
import { ApiError, errorMessage, isApiError } from '@/services/request';
import { useData } from '@/lib/useData';
import PageState from '@/ui/PageState';
import { ensureSignedIn } from '@/services/session';
import { getToken } from '@/services/token';
import { openMap } from '@/services/stations';
import { eventFileUrl, eventPageUrl, eventShareCard, shareLinkH5, SHARE_IMAGE, timelineOf } from '@/services/share';
import { mediaUrl } from '@/services/uploads';
import { addToCalendar, callPhone } from './actions';
import { chinaDateTimeText, eventTimeText } from '@/lib/format';
import { eligibilityText, registrationStatusView, registrationWindow, seatsText } from '@/pages/events/format';
import './index.css';
import Page, { PageLink } from '@/ui/Page';

/** A row to another page: its text and an arrow. */
function LinkRow({ id, text, url }: { id: string; text: string; url: string }) {
  return (
    <PageLink id={id} className='row-between event-link' hoverClass='list-row-active' url={url}>
      <Text>{text}</Text>
      <Text className='list-row-arrow'>›</Text>
    </PageLink>
  );
}

/** A reason from the server, with what the worker can do about it. */
function hintFor(reason: string): { text: string; action?: 'profile' } | null {
  if (reason.includes('“我的”页面')) return { text: '资料填好后回到本页即可报名', action: 'profile' };
  if (reason.includes('入会')) return { text: '可到附近工会驿站或联系主办方咨询入会' };
  if (reason.includes('交友资料')) return { text: '资料保存后回到本页即可报名' };
  return null;
}

export default function EventPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [registration, setRegistration] = useState<Registration | null>(null);
  const [serverReasons, setServerReasons] = useState<string[]>([]);
  const [registering, setRegistering] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  /** Matchmaking events: whether I have a profile (null: unknown or signed out). */
  const [hasMatchProfile, setHasMatchProfile] = useState<boolean | null>(null);
  /** Answers to the organiser's questions, in their order; errors by question index. */
  const [answers, setAnswers] = useState<string[]>([]);
  const [answerErrors, setAnswerErrors] = useState<Record<number, string>>({});

  // Public (signed out, the page shows the event and asks to sign in at 报名); on every show:
  // back from the profile page, eligibility may have changed.
  const remote = useData<Event>(
    async () => {
      void prefetchSubscribeTemplates();
      if (!Number.isInteger(id) || id <= 0) throw new ApiError({ code: 'NOT_FOUND', status: 404, message: '链接不完整，请从活动列表重新进入' });
      const e = await eventsService.get(id);
      if (e.kind === 'matchmaking' && getToken()) {
        // Not fatal: without the answer the card just shows no profile button.
        matchmakingService.myProfile().then(
          (p) => setHasMatchProfile(!!p),
          () => setHasMatchProfile(null),
        );
      }
      if (e.me?.eligible) setServerReasons([]);
      const mine = e.me?.registration;
      if (mine && mine.status !== 'cancelled') {
        setRegistration(await registrationsService.getMine(mine.id));
      } else if (!mine) {
        setRegistration(null);
      } else {
        setRegistration((r) => (r && r.id === mine.id ? { ...r, status: 'cancelled' } : r));
      }
      return e;
    },
    { auth: false },
  );
  const event = remote.data;
  const load = () => remote.reload(true);

  // WeChat share card (friends and moments): the event's title and day, back to this page.
  const card = () => (event ? eventShareCard(event) : { title: '工会活动', path: `/pages/event/index?id=${id}`, imageUrl: SHARE_IMAGE });
  useShareAppMessage(card);
  useShareTimeline(() => timelineOf(card()));

  if (!event) {
    return (
      <Page name='event'>
        <PageState id='event' error={remote.error} onRetry={() => void remote.reload()} title='活动没加载出来' />
      </Page>
    );
  }

  const e = event;
  const regWindow = registrationWindow(e);
  const active = registration && registration.status !== 'cancelled' ? registration : null;
  const reasons = e.me && !e.me.eligible ? e.me.reasons : serverReasons;
  const rules = eligibilityText(e.eligibility);

  // Taro's H5 button draws its own spinner (`loading`) in a way that clashes with React
  // replacing the button right after; busy buttons say what is happening instead.
  const register = async () => {
    if (registering) return;
    const missing: Record<number, string> = {};
    e.questions.forEach((q, i) => {
      const a = (answers[i] ?? '').trim();
      if (q.required && !a) missing[i] = `请填写“${q.label}”`;
      else if (a && q.kind === 'phone' && !/^1[3-9]\d{9}$/.test(a)) missing[i] = '请输入11位手机号码';
    });
    setAnswerErrors(missing);
    if (Object.keys(missing).length) {
      await Taro.showToast({ title: '请先填写报名信息', icon: 'none' });
      return;
    }
    // Straight from the tap: reminders, a waitlist promotion, a change or cancellation (socials: the match reveal).
    const subscribed = askSubscribe(e.kind === 'matchmaking' ? 'social' : 'register');
    setRegistering(true);
    try {
      if (!getToken() && !(await ensureSignedIn())) return;
      const r = await eventsService.register(e.id, e.questions.length ? e.questions.map((_, i) => (answers[i] ?? '').trim()) : undefined);
      // Grants are recorded once the person has an account; the answer itself never blocks.
      await subscribed;
      setRegistration(r);
      setServerReasons([]);
      await Taro.showToast({
        title: r.status === 'confirmed' ? '报名成功' : r.status === 'waitlisted' ? `已加入候补，第${r.waitlistPosition ?? '?'}位` : '报名未成功',
        icon: r.status === 'confirmed' ? 'success' : 'none',
        duration: 2000,
      });
      void load();
    } catch (err) {
      if (isApiError(err) && err.code === 'VALIDATION_FAILED') {
        // The server names each answer it refused: answers.<index>.
        const issues = ((err.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues ?? []).filter((i) =>
          i.path.startsWith('answers.'),
        );
        setAnswerErrors(Object.fromEntries(issues.map((i) => [Number(i.path.split('.')[1]), i.message])));
        if (!issues.length) await Taro.showModal({ title: '报名未成功', content: errorMessage(err), showCancel: false, confirmText: '知道了' });
      } else if (isApiError(err) && err.code === 'NOT_ELIGIBLE') {
        const d = err.details as { reasons?: unknown } | undefined;
        setServerReasons(Array.isArray(d?.reasons) ? d!.reasons.filter((x): x is string => typeof x === 'string') : [err.message]);
      } else {
        await Taro.showModal({ title: '报名未成功', content: errorMessage(err), showCancel: false, confirmText: '知道了' });
      }
      void load();
    } finally {
      setRegistering(false);
    }
  };

  const cancel = async () => {
    if (!active || cancelling) return;
    const confirm = await confirmDanger({
      title: '取消报名',
      content:
        active.status === 'confirmed'
          ? '取消后，您的名额会立即让给候补中的下一位，不能撤回。之后如果还想参加，需要重新报名并排在最后。确定取消吗？'
          : '取消后将退出候补队列，不能撤回。确定取消吗？',
      confirmText: '确定取消',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setCancelling(true);
    try {
      const r = await registrationsService.cancel(active.id);
      setRegistration(r);
      await Taro.showToast({ title: '已取消报名', icon: 'success' });
      void load();
    } catch (err) {
      await Taro.showModal({ title: '取消未成功', content: errorMessage(err), showCancel: false, confirmText: '知道了' });
      void load();
    } finally {
      setCancelling(false);
    }
  };

  // The one big button: what the worker can do now, or why not.
  let action: { text: string; enabled: boolean; note?: string };
  if (e.status === 'cancelled') action = { text: '活动已取消', enabled: false, note: '主办方已取消本次活动' };
  else if (regWindow === 'not_open') action = { text: '报名未开始', enabled: false, note: `${chinaDateTimeText(e.registrationOpensAt)} 开始报名，到时再来` };
  else if (regWindow === 'closed') action = { text: '报名已截止', enabled: false, note: '可以看看其他活动' };
  else if (reasons.length > 0) action = { text: '暂不能报名', enabled: false, note: '原因见上方“暂不能报名”，也可以看看其他活动' };
  else if (e.seatsLeft > 0) action = { text: '立即报名', enabled: true };
  else if (e.waitlist) action = { text: '加入候补', enabled: true, note: `名额已满，已有 ${e.waitlistCount} 人候补；有人取消时按顺序自动递补` };
  else action = { text: '名额已满', enabled: false, note: '本活动不设候补，可以看看其他活动' };

  const deadline = cancelDeadline({ event: e });
  const canCancel = !!active && !active.checkedInAt && Date.now() < Date.parse(deadline) && e.status !== 'cancelled';
  const status = registration ? registrationStatusView({ ...registration, event: { ...registration.event, status: e.status } }) : null;

  return (
    <Page name='event'>
      {e.cover ? (
        <View className='event-cover'>
          <Image id='event-cover' className='event-cover-image' src={mediaUrl(e.cover.url)} mode='aspectFill' ariaLabel={`${e.title}的活动封面`} />
        </View>
      ) : null}
      <View className='card'>
        <View className='row badges event-badges'>
          <Badge look='pill' tone='red'>
            {eventKindLabel(e)}
          </Badge>
          {e.status === 'cancelled' ? (
            <Badge look='pill' tone='grey'>
              已取消
            </Badge>
          ) : null}
        </View>
        <Text id='event-title' className='event-title'>
          {e.title}
        </Text>
        <InfoLine label='时间' id='event-time'>
          {eventTimeText(e.startsAt, e.endsAt)}
        </InfoLine>
        <InfoLine
          label='地点'
          id='event-venue'
          after={
            e.latitude !== null && e.longitude !== null ? (
              <Button
                id='event-navigate'
                className='event-line-button'
                onClick={() => void openMap({ latitude: e.latitude!, longitude: e.longitude!, name: e.title, address: e.venue })}
              >
                <Icon name='pin' /> 导航
              </Button>
            ) : null
          }
        >
          {e.venue || '地点待定'}
        </InfoLine>
        {e.contactPhone ? (
          <InfoLine
            label='咨询'
            id='event-contact'
            after={
              <Button id='event-call' className='event-line-button' onClick={() => void callPhone(e.contactPhone!)}>
                <Icon name='chat' /> 拨打
              </Button>
            }
          >
            {e.contactPhone}
          </InfoLine>
        ) : null}
        <InfoLine label='名额' id='event-seats' valueClassName={`event-seats ${e.seatsLeft > 0 ? '' : 'event-seats-full'}`}>
          {seatsText(e)}
        </InfoLine>
        <InfoLine label='报名'>
          {chinaDateTimeText(e.registrationOpensAt)} 至 {chinaDateTimeText(e.registrationClosesAt)}
        </InfoLine>
        <InfoLine label='主办'>{e.organisationName}</InfoLine>
        {e.certificateName ? <InfoLine label='证书'>完成培训可获得「{e.certificateName}」</InfoLine> : null}
      </View>

      <View className='event-tools'>
        <Button id='event-calendar' className='btn btn-secondary event-tool' onClick={() => void addToCalendar(e)}>
          <Icon name='calendar' /> 加入日历
        </Button>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button id='event-share' className='btn btn-secondary event-tool' openType='share'>
            <Icon name='smile' /> 分享给好友
          </Button>
        ) : (
          <Button
            id='event-share'
            className='btn btn-secondary event-tool'
            onClick={async () => {
              const how = await shareLinkH5(eventShareCard(e), eventPageUrl(e.id));
              if (how === 'copied') await Taro.showToast({ title: '链接已复制，可粘贴发给好友', icon: 'none' });
            }}
          >
            <Icon name='smile' /> 分享
          </Button>
        )}
        {e.status === 'published' ? (
          <Button
            id='event-poster'
            className='btn btn-secondary event-tool'
            onClick={() =>
              process.env.TARO_ENV === 'h5'
                ? void window.open(eventFileUrl(e.id, 'poster.svg'), '_blank')
                : void Taro.setClipboardData({ data: eventFileUrl(e.id, 'poster.svg') }).then(() =>
                    Taro.showToast({ title: '海报链接已复制，可在浏览器打开打印', icon: 'none' }),
                  )
            }
          >
            <Icon name='card' /> 活动海报
          </Button>
        ) : null}
      </View>

      <View className='card' id='event-eligibility'>
        <Text className='section-title event-section'>报名条件</Text>
        <Text className='event-text'>{rules.length ? rules.join('；') : '不限，新就业形态劳动者均可报名'}</Text>
        {reasons.length > 0 ? (
          <View className='event-reasons' id='event-reasons'>
            <Text className='event-reasons-title'>暂不能报名：</Text>
            {reasons.map((r) => {
              const hint = hintFor(r);
              return (
                <View key={r} className='event-reason'>
                  <Text className='event-reason-text'>• {r}</Text>
                  {hint ? <Text className='event-reason-hint'>{hint.text}</Text> : null}
                </View>
              );
            })}
            {reasons.some((r) => hintFor(r)?.action === 'profile') ? (
              <Button id='event-complete-profile' className='btn btn-secondary event-profile' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
                去完善资料
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>

      {e.kind === 'matchmaking' ? (
        <View className='card event-match' id='event-match'>
          <Text className='section-title event-section'>交友互选</Text>
          {active && active.status === 'confirmed' ? (
            <View>
              <Text className='event-text'>活动现场签到后，可以选择想再见面的人；只有双方互选才会配对，配对后才能看到对方的联系方式。</Text>
              <Button
                id='event-match-enter'
                className='btn btn-primary event-match-button'
                onClick={() => void Taro.navigateTo({ url: `/pages/match/index?eventId=${e.id}` })}
              >
                进入互选
              </Button>
            </View>
          ) : hasMatchProfile === false || (!getToken() && !e.me) ? (
            <View>
              <Text className='event-text'>报名交友活动需要先创建交友资料（需单独同意），资料只给同场已签到的参加者看。</Text>
              <Button
                id='event-match-profile'
                className='btn btn-primary event-match-button'
                onClick={() => void Taro.navigateTo({ url: `/pages/match-profile/index?eventId=${e.id}` })}
              >
                创建交友资料
              </Button>
            </View>
          ) : hasMatchProfile ? (
            <View>
              <Text className='event-text'>交友资料已准备好。报名并在现场签到后，就能参加互选。</Text>
              <LinkRow id='event-match-profile-link' text='查看或修改交友资料' url={`/pages/match-profile/index?eventId=${e.id}`} />
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='card event-actions'>
        {registration ? (
          <View className='row-between event-status-row'>
            <Text className='event-status-label'>我的报名</Text>
            <Badge look='pill' id='registration-status' tone={status!.tone} large>
              {status!.text}
            </Badge>
          </View>
        ) : null}

        {active ? (
          <View>
            {active.status === 'confirmed' ? (
              <Button
                id='ticket-link'
                className='btn btn-primary event-main-button'
                onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${active.id}` })}
              >
                查看电子票（入场出示）
              </Button>
            ) : (
              <View>
                <Text className='event-note'>您在候补第 {active.waitlistPosition ?? '?'} 位。有人取消时按顺序自动递补，递补成功会在“消息通知”里告诉您。</Text>
                <Button id='ticket-link' className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${active.id}` })}>
                  查看候补状态
                </Button>
              </View>
            )}
            {!active.checkedInAt ? (
              canCancel ? (
                <View className='event-gap'>
                  <Button
                    id='cancel-registration'
                    className={`btn btn-danger ${cancelling ? 'btn-busy' : ''}`}
                    disabled={cancelling}
                    onClick={() => void cancel()}
                  >
                    {cancelling ? '正在取消…' : '取消报名'}
                  </Button>
                  <Text className='muted event-note-center'>如需取消，请在 {chinaDateTimeText(deadline)} 前操作</Text>
                </View>
              ) : (
                <View className='event-gap'>
                  <Button id='cancel-registration' className='btn btn-disabled' disabled>
                    取消报名
                  </Button>
                  <Text id='cancel-disabled-reason' className='muted event-note-center'>
                    {e.status === 'cancelled'
                      ? '活动已取消，无需再取消报名'
                      : `已过取消截止时间（${chinaDateTimeText(deadline)}），如有特殊情况请联系${e.organisationName}`}
                  </Text>
                </View>
              )
            ) : null}
          </View>
        ) : (
          <View>
            {action.enabled && e.questions.length ? (
              <View id='event-questions' className='event-questions'>
                <Text className='section-title event-section'>报名信息</Text>
                <Text className='muted event-note'>主办方需要以下信息，只有主办方能看到</Text>
                {e.questions.map((q, i) => (
                  <FormField
                    key={q.label}
                    label={`${q.label}${q.required ? '（必填）' : '（选填）'}`}
                    error={answerErrors[i]}
                    errorId={`event-answer-${i}-error`}
                  >
                    {q.kind === 'text' ? (
                      <Textarea
                        id={`event-answer-${i}`}
                        className='field-input event-answer-text'
                        value={answers[i] ?? ''}
                        maxlength={ANSWER_TEXT_MAX}
                        placeholder='请填写'
                        onInput={(ev) => setAnswers((a) => Object.assign([...a], { [i]: ev.detail.value }))}
                      />
                    ) : (
                      <Input
                        id={`event-answer-${i}`}
                        className='field-input'
                        type={q.kind === 'phone' ? 'number' : 'text'}
                        value={answers[i] ?? ''}
                        maxlength={q.kind === 'phone' ? 11 : 60}
                        placeholder={q.kind === 'phone' ? '11位手机号码' : q.kind === 'name' ? '请填写姓名' : '请填写'}
                        onInput={(ev) => setAnswers((a) => Object.assign([...a], { [i]: ev.detail.value }))}
                      />
                    )}
                  </FormField>
                ))}
              </View>
            ) : null}
            <Button
              id='register-button'
              className={`btn event-main-button ${action.enabled ? 'btn-primary' : 'btn-disabled'} ${registering ? 'btn-busy' : ''}`}
              disabled={!action.enabled || registering}
              onClick={() => (action.enabled ? void register() : undefined)}
            >
              {registering ? '正在报名…' : action.text}
            </Button>
            {action.note ? <Text className='muted event-note-center'>{action.note}</Text> : null}
            {!e.me && !getToken() && action.enabled ? <Text className='muted event-note-center'>报名前需要先登录</Text> : null}
          </View>
        )}

        <LinkRow id='my-registrations-link' text='我的全部报名' url='/pages/registrations/index' />
      </View>

      {e.description ? (
        <View className='card'>
          <Text className='section-title event-section'>活动介绍</Text>
          <Text className='event-text event-description'>{e.description}</Text>
        </View>
      ) : null}
      {e.selfCheckin ? <Text className='muted event-note-center'>活动现场可扫屏幕上的签到码自助签到，也可出示电子票由工作人员扫码</Text> : null}
    </Page>
  );
}
