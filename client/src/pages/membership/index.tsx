import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import QrImage from '@/ui/QrImage';
import UnionTree from './union-tree';
import Taro, { useRouter } from '@tarojs/taro';
import { MembershipInputSchema, OCCUPATIONS, chinaDate, OCCUPATION_LABELS, type Occupation } from '@xlx/shared';
import FormField from '@/ui/FormField';
import TextField, { FormError, PickField, SubmitButton, bindPick, bindText } from '@/ui/TextField';
import { RefreshNotice } from '@/ui/PageState';
import Badge from '@/ui/Badge';
import { MANUAL, useData } from '@/lib/useData';
import { useForm } from '@/lib/useForm';
import { membershipService, type Membership } from '@/services/membership';
import { askSubscribe, prefetchSubscribeTemplates } from '@/services/subscribe';
import { errorMessage } from '@/services/request';
import { requestsService } from '@/services/requests';
import { loadMe, useSession } from '@/services/session';
import { chinaDateTimeText } from '@/lib/format';
import './index.css';
import Icon from '@/ui/Icon';
import Page from '@/ui/Page';
import LoadPage from '@/ui/LoadPage';

interface ApplyForm {
  organisationId: number | null;
  name: string;
  phone: string;
  employer: string;
  occupation: Occupation | null;
}

/** WeChat's phone button exists only in the mini-program; H5 types the number. */
const PHONE_BUTTON = process.env.TARO_ENV === 'weapp';

const FIELDS = ['organisationId', 'name', 'phone', 'employer', 'occupation'] as const;
const occupationLabels = OCCUPATIONS.map((o) => OCCUPATION_LABELS[o]);

export default function MembershipPage() {
  const { params } = useRouter();
  const { me } = useSession();
  const ceremonyEventId = Number(params.ceremonyEventId) > 0 ? Number(params.ceremonyEventId) : null;
  const [formOpen, setFormOpen] = useState(false);
  const form: ReturnType<typeof useForm<ApplyForm>> = useForm<ApplyForm>(blankForm, {
    fields: FIELDS,
    fixText: '请按红字提示修改后再提交',
    friendly: (byField) => (form.values.organisationId === null ? { ...byField, organisationId: '请选择要加入的工会' } : byField),
  });
  const { values: f, setValues: setForm, update, errors, setErrors, formError, setFormError, submitting, check, run } = form;
  const orgs = useData(async () => (await requestsService.organisations()).items, MANUAL);
  const remote = useData(async () => {
    void prefetchSubscribeTemplates();
    const r = await membershipService.listMine();
    // Nothing yet: the form is what the person came for.
    if (r.items.length === 0 && !formOpen) setFormOpen(true);
    if (!orgs.data) void orgs.reload();
    void prefillFromProfile();
    return r.items;
  });
  const items = remote.data;
  /** The number WeChat verified (shown as such while the field still holds it), or the exchange going on. */
  const [wxPhone, setWxPhone] = useState<{ busy: boolean; verified: string | null }>({ busy: false, verified: null });

  /** The getPhoneNumber button's answer: a code to exchange on the server, or a refusal (typing stays). */
  const onGetPhoneNumber = async (e: { detail: { code?: string; errMsg?: string } }) => {
    const code = e.detail.code;
    if (!code) {
      if (!/deny|cancel/.test(e.detail.errMsg ?? '')) setErrors((x) => ({ ...x, phone: '没有获取到微信手机号，请直接输入' }));
      return;
    }
    setWxPhone({ busy: true, verified: null });
    try {
      const { phone } = await membershipService.wechatPhone(code);
      update('phone', phone);
      setWxPhone({ busy: false, verified: phone });
    } catch (err) {
      setWxPhone({ busy: false, verified: null });
      setErrors((x) => ({ ...x, phone: errorMessage(err) }));
    }
  };

  function blankForm(): ApplyForm {
    return {
      organisationId: Number(params.organisationId) > 0 ? Number(params.organisationId) : null,
      name: '',
      phone: me?.phone ?? '',
      employer: '',
      occupation: me?.occupation ?? null,
    };
  }

  /**
   * However the page was opened (the 我的 tab, an event's 入会 link, a message), the form starts
   * from the profile: occupation and phone fill fields still empty, never overwrite typing.
   */
  const prefillFromProfile = async () => {
    try {
      const fresh = (await loadMe().catch(() => null)) ?? me;
      if (!fresh) return;
      setForm((v) => ({ ...v, occupation: v.occupation ?? fresh.occupation ?? null, phone: v.phone || fresh.phone || '' }));
    } catch {
      // The profile only saves typing; the form works without it.
    }
  };

  const openForm = (from?: Membership) => {
    setForm(
      from ? { organisationId: from.organisationId, name: from.name, phone: from.phone, employer: from.employer, occupation: from.occupation } : blankForm(),
    );
    setErrors({});
    setFormError('');
    setFormOpen(true);
    if (!orgs.data) void orgs.reload();
    if (!from) void prefillFromProfile();
  };

  const submit = async () => {
    if (submitting) return;
    // Straight from the tap (WeChat shows the sheet only then): the decision on the application.
    void askSubscribe('membership');
    const input = check(MembershipInputSchema, { ...f, phone: f.phone.trim(), ceremonyEventId });
    if (!input) return;
    await run(async () => {
      const created = await membershipService.apply(input);
      remote.setData((list) => [created, ...(list ?? []).filter((m) => m.id !== created.id)]);
      setFormOpen(false);
      await Taro.showToast({ title: '申请已提交', icon: 'success' });
      void remote.reload(true);
    }, '提交失败，请稍后重试');
  };

  if (items === null) return <LoadPage id='membership' remote={remote} title='入会信息没加载出来' />;

  const firstApproved = items.find((m) => m.status === 'approved');

  const card = (m: Membership) => {
    if (m.status === 'approved') {
      return (
        <View key={m.id} id={m === firstApproved ? 'member-card' : `member-card-${m.id}`} className='ms-card'>
          <View className='row-between ms-card-top'>
            <Text className='ms-card-brand'>工会会员卡</Text>
            <Icon name='star' className='ms-card-emblem' label='工会会员' />
          </View>
          <Text className='ms-card-org'>{m.organisationName}</Text>
          <Text className='ms-card-name'>{m.name}</Text>
          {m.cardCode ? (
            <View className='ms-card-code' id={m === firstApproved ? 'member-card-code' : undefined}>
              <QrImage payload={m.cardCode} size={200} />
              <View className='ms-card-code-text'>
                <Text className='ms-card-code-label'>工会工作人员扫此码核验会员身份</Text>
                <Text className='ms-card-code-value' userSelect>
                  {m.cardCode}
                </Text>
              </View>
            </View>
          ) : null}
          <View className='ms-card-bottom'>
            <View className='ms-card-field'>
              <Text className='ms-card-label'>会员号</Text>
              <Text className='ms-card-value' id={m === firstApproved ? 'member-no' : undefined} userSelect>
                {m.memberNo ?? '—'}
              </Text>
            </View>
            <View className='ms-card-field ms-card-field-end'>
              <Text className='ms-card-label'>入会时间</Text>
              <Text className='ms-card-value'>{chinaDate(m.decidedAt ?? m.createdAt)}</Text>
            </View>
          </View>
        </View>
      );
    }
    const pending = m.status === 'pending';
    if (m.status === 'revoked') {
      return (
        <View key={m.id} id={`member-application-${m.id}`} className='card'>
          <View className='row-between ms-app-top'>
            <Text className='ms-app-org'>{m.organisationName}</Text>
            <Badge look='pill' tone='red' id={`member-status-${m.id}`}>
              已注销
            </Badge>
          </View>
          <Text className='ms-app-text'>您在该工会的会员资格已注销，会员卡不再有效。如有疑问请到附近驿站咨询，也可以重新申请。</Text>
          <Button id={`member-reapply-${m.id}`} className='btn btn-primary ms-gap' onClick={() => openForm(m)}>
            重新申请
          </Button>
        </View>
      );
    }
    return (
      <View key={m.id} id={`member-application-${m.id}`} className='card'>
        <View className='row-between ms-app-top'>
          <Text className='ms-app-org'>{m.organisationName}</Text>
          <Badge look='pill' tone={pending ? 'amber' : 'red'} id={`member-status-${m.id}`}>
            {pending ? '审核中' : '未通过'}
          </Badge>
        </View>
        <Text className='muted ms-block'>{chinaDateTimeText(m.createdAt)} 提交</Text>
        {pending ? (
          <Text className='ms-app-text'>工会审核后，结果会显示在本页，一般需要几个工作日，请耐心等待。</Text>
        ) : (
          <View>
            <View className='ms-reason'>
              <Text className='ms-reason-label'>未通过原因</Text>
              <Text className='ms-reason-text' id={`member-reject-reason-${m.id}`}>
                {m.rejectReason || '工会未说明原因，可到附近驿站咨询'}
              </Text>
            </View>
            <Button id={`member-reapply-${m.id}`} className='btn btn-primary ms-gap' onClick={() => openForm(m)}>
              修改后重新申请
            </Button>
          </View>
        )}
      </View>
    );
  };

  return (
    <Page name='membership'>
      <RefreshNotice remote={remote} />

      {items.length > 0 ? <View id='membership-list'>{items.map(card)}</View> : null}

      {formOpen ? (
        <View className='card' id='member-form'>
          <Text className='section-title ms-block'>申请加入工会</Text>
          <Text className='muted ms-block'>新就业形态劳动者都可以加入工会，免费享受驿站服务、培训、体检和帮扶。信息只给您申请的工会审核使用。</Text>

          <FormField label='加入哪个工会' error={errors.organisationId} errorId='member-org-error'>
            {orgs.error ? (
              <RefreshNotice remote={orgs} />
            ) : orgs.data ? (
              <UnionTree orgs={orgs.data} value={f.organisationId} onChange={(id) => update('organisationId', id)} />
            ) : (
              <View id='member-org' className='field-picker'>
                <Text className='field-placeholder'>正在加载…</Text>
              </View>
            )}
          </FormField>

          <TextField id='member-name' label='姓名' hint='请填写身份证上的真实姓名' {...bindText(form, 'name')} maxlength={20} placeholder='真实姓名' />
          <TextField id='member-phone' label='手机号' {...bindText(form, 'phone')} type='number' maxlength={11} placeholder='11位手机号'>
            {PHONE_BUTTON ? (
              <Button
                id='member-phone-wechat'
                className='btn btn-secondary ms-gap'
                openType='getPhoneNumber'
                loading={wxPhone.busy}
                disabled={wxPhone.busy}
                onGetPhoneNumber={(e) => void onGetPhoneNumber(e)}
              >
                {wxPhone.busy ? '正在获取…' : '微信手机号快捷填写'}
              </Button>
            ) : null}
            {wxPhone.verified && wxPhone.verified === f.phone ? (
              <Text id='member-phone-verified' className='muted ms-block'>
                已通过微信验证
              </Text>
            ) : PHONE_BUTTON ? (
              <Text className='muted ms-block'>不想授权也可以直接输入手机号</Text>
            ) : null}
          </TextField>
          <TextField id='member-employer' label='工作单位/平台' {...bindText(form, 'employer')} maxlength={40} placeholder='例如 美团、顺丰、滴滴' />
          <PickField id='member-occupation' label='职业' {...bindPick(form, 'occupation', OCCUPATIONS, occupationLabels, { placeholder: '请选择' })} />
          <FormError id='member-form-error' text={formError} />
          <SubmitButton id='member-submit' busy={submitting} busyText='正在提交…' onClick={() => void submit()}>
            提交申请
          </SubmitButton>
          {items.length > 0 ? (
            <Button className='btn btn-secondary' onClick={() => setFormOpen(false)}>
              取消
            </Button>
          ) : null}
        </View>
      ) : (
        <Button id='member-apply' className='btn btn-secondary' onClick={() => openForm()}>
          {items.length > 0 ? '申请加入其他工会' : '申请加入工会'}
        </Button>
      )}
    </Page>
  );
}
