import { useEffect, useMemo, useRef } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDangerAction } from '@/lib/useDangerAction';
import Taro, { useDidShow } from '@tarojs/taro';
import { LIMITS, OCCUPATION_LABELS, UpdateMeSchema, type Me } from '@xlx/shared';
import TextField, { FormError, PickField, SubmitButton, bindPick, bindText } from '@/ui/TextField';
import { RefreshNotice } from '@/ui/PageState';
import { useData } from '@/lib/useData';
import { useForm } from '@/lib/useForm';
import { meService } from '@/services/me';
import { notificationsService, useUnreadCount } from '@/services/notifications';
import { PRIVACY_PAGE } from '@/services/privacy';
import { LOGIN_PAGE, endSession, loadMe, sessionStore, signOut, useSession } from '@/services/session';
import {
  UNSET_LABEL,
  birthYearOptions,
  EMPTY_FORM,
  changedFields,
  formFromMe,
  genderLabels,
  genderOptions,
  occupationLabels,
  occupationOptions,
  type ProfileForm,
} from './form';
import DeviceSessions from './devices';
import './index.css';
import Icon, { type IconName } from '@/ui/Icon';
import Page, { PageLink } from '@/ui/Page';
import LoadPage from '@/ui/LoadPage';

const FIELDS = ['nickname', 'occupation', 'gender', 'birthYear', 'phone'] as const;
const ROLE_LABELS = { organiser: '组织者', admin: '管理员' } as const;
/** The rows of 我的 that open another page. */
const LINKS: { id: string; icon: IconName; text: string; url: string }[] = [
  { id: 'me-visits', icon: 'pin', text: '我的签到记录', url: '/pages/visits/index' },
  { id: 'me-registrations', icon: 'ticket', text: '我的报名', url: '/pages/registrations/index' },
  { id: 'me-match-profile', icon: 'heart', text: '交友资料', url: '/pages/match-profile/index' },
  { id: 'me-requests', icon: 'chat', text: '我的诉求', url: '/pages/requests/index' },
  { id: 'me-membership', icon: 'card', text: '加入工会/会员卡', url: '/pages/membership/index' },
  { id: 'me-notifications', icon: 'bell', text: '消息通知', url: '/pages/notifications/index' },
  { id: 'me-privacy', icon: 'lock', text: '隐私保护指引', url: PRIVACY_PAGE },
];
/** Where the birth-year wheel starts when no year is set. */
const DEFAULT_BIRTH_YEAR = 1990;

export default function MePage() {
  const { me } = useSession();
  const remote = useData(loadMe);
  const form = useForm<ProfileForm>(() => (me ? formFromMe(me) : EMPTY_FORM), { fields: FIELDS });
  const { values, setValues, formError, submitting: saving, check, run } = form;
  const years = useMemo(() => birthYearOptions(), []);
  const yearLabels = useMemo(() => years.map((y) => (y === null ? UNSET_LABEL : `${y}年`)), [years]);
  const shownMe = useRef<Me | null>(null);
  const unread = useUnreadCount();

  // A fresh copy of the person replaces the form unless there are unsaved edits.
  useEffect(() => {
    if (!me) return;
    const prev = shownMe.current;
    shownMe.current = me;
    setValues((f) => (!prev || Object.keys(changedFields(prev, f)).length === 0 ? formFromMe(me) : f));
  }, [me, setValues]);

  useDidShow(() => {
    void notificationsService.refreshUnread();
  });

  const save = async () => {
    if (!me || saving) return;
    const patch = changedFields(me, values);
    if (Object.keys(patch).length === 0) {
      await Taro.showToast({ title: '资料没有改动', icon: 'none' });
      return;
    }
    const input = check(UpdateMeSchema, patch);
    if (!input) return;
    await run(async () => {
      const updated = await meService.update(input);
      shownMe.current = updated;
      setValues(formFromMe(updated));
      sessionStore.setMe(updated);
      await Taro.showToast({ title: '已保存', icon: 'success' });
    });
  };

  const [deleting, confirmDelete] = useDangerAction(
    {
      title: '注销账号',
      content: '注销后将立即删除您的昵称、职业、性别、出生年份、手机号和登录信息，无法恢复。签到和活动只保留不含个人信息的统计数字。确定注销吗？',
      confirmText: '确认注销',
    },
    '注销失败',
    async () => {
      await meService.erase();
      endSession(true);
      await Taro.showToast({ title: '账号已注销', icon: 'success' });
      setTimeout(() => void Taro.reLaunch({ url: LOGIN_PAGE }), 800);
    },
  );

  if (!me) return <LoadPage id='me' remote={remote} title='加载失败' />;

  const displayName = me.nickname || '未设置昵称';

  return (
    <Page name='me'>
      <View className='card row'>
        <View className='circle avatar-round me-avatar'>
          <Text>{(me.nickname || '新').slice(0, 1)}</Text>
        </View>
        <View className='stack'>
          <Text className='person-name' id='me-display-name'>
            {displayName}
          </Text>
          <Text className='muted'>{me.occupation ? OCCUPATION_LABELS[me.occupation] : '职业未填写'}</Text>
          {me.grants.length > 0 ? (
            <View className='me-badges'>
              {me.grants.map((g) => (
                <Text className='me-badge' key={`${g.role}-${g.organisationId}`}>
                  {g.organisationName} · {ROLE_LABELS[g.role]}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      </View>

      <RefreshNotice remote={remote} className='notice me-banner' />

      <View className='card me-links' id='me-links'>
        {LINKS.map((l) => (
          <PageLink key={l.id} id={l.id} className='list-row' hoverClass='list-row-active' url={l.url}>
            <View className='me-row-label'>
              <Icon name={l.icon} className='me-row-icon' />
              <Text>{l.text}</Text>
            </View>
            <View className='me-row-end'>
              {l.id === 'me-notifications' && unread > 0 ? (
                <Text id='me-unread-badge' className='me-unread'>
                  {unread > 99 ? '99+' : unread}
                </Text>
              ) : null}
              <Text className='list-row-arrow'>›</Text>
            </View>
          </PageLink>
        ))}
      </View>

      {me.grants.length > 0 ? (
        <View className='card'>
          <Button id='organiser-entry' className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: '/organiser/pages/index/index' })}>
            进入组织者工作台
          </Button>
        </View>
      ) : null}

      <View className='card' id='me-form'>
        <Text className='section-title'>个人资料</Text>
        <Text className='muted me-form-hint'>只有您自己能看到完整手机号；资料用于工会为您安排合适的服务和活动。</Text>

        <TextField id='me-nickname' label='昵称' {...bindText(form, 'nickname')} maxlength={LIMITS.nicknameMax} placeholder='大家怎么称呼您' />
        <PickField id='me-occupation' label='职业' {...bindPick(form, 'occupation', occupationOptions, occupationLabels)} />
        <PickField id='me-gender' label='性别' {...bindPick(form, 'gender', genderOptions, genderLabels)} />
        <PickField id='me-birth-year' label='出生年份' {...bindPick(form, 'birthYear', years, yearLabels, { start: DEFAULT_BIRTH_YEAR })} />
        <TextField
          id='me-phone'
          label='手机号'
          hint='用于活动报名通知，可不填'
          {...bindText(form, 'phone')}
          type='number'
          maxlength={11}
          placeholder='11位手机号'
        />
        <FormError id='me-form-error' text={formError} />
        <SubmitButton id='me-save' busy={saving} onClick={() => void save()}>
          保存资料
        </SubmitButton>
      </View>

      <DeviceSessions />

      <View className='card'>
        <Button id='logout' className='btn btn-secondary' onClick={() => void signOut()}>
          退出登录
        </Button>
        <Button
          id='delete-account'
          className={`btn btn-danger ${deleting ? 'btn-busy' : ''}`}
          loading={deleting}
          disabled={deleting}
          onClick={() => void confirmDelete()}
        >
          注销账号
        </Button>
        <Text className='muted me-delete-hint'>注销会永久删除您的个人资料</Text>
      </View>
    </Page>
  );
}
