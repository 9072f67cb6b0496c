import { useMemo, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDangerAction } from '@/lib/useDangerAction';
import Taro, { useRouter } from '@tarojs/taro';
import {
  GENDER_LABELS,
  LIMITS,
  MatchProfileInputSchema,
  OCCUPATION_LABELS,
  WANTS_TO_MEET_LABELS,
  type Gender,
  type MyMatchProfile,
  type Occupation,
  type WantsToMeet,
} from '@xlx/shared';
import Chips from '@/ui/Chips';
import FormField from '@/ui/FormField';
import TextField, { FormError, PickField, SubmitButton, bindPick, bindText } from '@/ui/TextField';
import { useData } from '@/lib/useData';
import { useForm } from '@/lib/useForm';
import { matchmakingService } from '@/services/matchmaking';
import { isApiError } from '@/services/request';
import { useSession } from '@/services/session';
import { chinaDateTimeText } from '@/lib/format';
import { genderLabels, genderOptions, occupationLabels, occupationOptions } from '@/pages/me/form';
import './index.css';
import Icon from '@/ui/Icon';
import Page from '@/ui/Page';
import LoadPage from '@/ui/LoadPage';

type ContactKind = 'wechat' | 'phone';

interface MatchForm {
  displayName: string;
  gender: Gender | null;
  /** Whom the board shows; asked of everyone, also of profiles made before the question. */
  wantsToMeet: WantsToMeet | null;
  birthYear: number | null;
  occupation: Occupation | null;
  city: string;
  intro: string;
  contactKind: ContactKind;
  contactValue: string;
}

const FIELDS = ['displayName', 'gender', 'wantsToMeet', 'birthYear', 'occupation', 'city', 'intro', 'contact', 'consentVersion'] as const;
const CONTACT_KINDS = [
  { value: 'wechat' as const, label: '微信号' },
  { value: 'phone' as const, label: '手机号' },
];
const WANTS_OPTIONS = [
  { value: 'female' as const, label: WANTS_TO_MEET_LABELS.female },
  { value: 'male' as const, label: WANTS_TO_MEET_LABELS.male },
  { value: 'any' as const, label: WANTS_TO_MEET_LABELS.any },
];
const CONTACT_LABELS: Record<ContactKind, string> = { wechat: '微信号', phone: '手机号' };
/** Matchmaking is for adults only (the schema says the same). */
const MIN_AGE = 18;
/** Where the year wheel starts when no year is set. */
const DEFAULT_BIRTH_YEAR = 1995;

function adultYears(now = new Date()): number[] {
  const years: number[] = [];
  for (let y = now.getFullYear() - MIN_AGE; y >= LIMITS.birthYearMin; y--) years.push(y);
  return years;
}

function formFromProfile(p: MyMatchProfile): MatchForm {
  const { displayName, gender, wantsToMeet, birthYear, occupation, city, intro, contact } = p;
  return { displayName, gender, wantsToMeet, birthYear, occupation, city, intro, contactKind: contact.kind, contactValue: contact.value };
}

/** The server's and the schema's messages, folded onto the form's fields (contact.kind, contact.value: contact). */
function folded(byPath: Record<string, string>): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const [path, message] of Object.entries(byPath)) {
    const f = path.startsWith('contact') ? 'contact' : path;
    if (!(f in byField)) byField[f] = message;
  }
  return byField;
}

export default function MatchProfilePage() {
  const { params } = useRouter();
  const eventId = Number(params.eventId) > 0 ? Number(params.eventId) : null;
  const { me } = useSession();
  const years = useMemo(() => adultYears(), []);
  const yearLabels = useMemo(() => years.map((y) => `${y}年`), [years]);

  const [editing, setEditing] = useState(false);
  const [agreed, setAgreed] = useState(false);

  /** What only the page knows is missing (the schema's own words are less clear here). */
  const localErrors = (): Record<string, string> => {
    const local: Record<string, string> = {};
    if (needsConsent && !agreed) local.consentVersion = '请先阅读上面的说明，并勾选“我已阅读并同意”';
    if (form.values.birthYear === null) local.birthYear = '请选择出生年份';
    return local;
  };
  const form: ReturnType<typeof useForm<MatchForm>> = useForm<MatchForm>(() => blankForm(), {
    fields: FIELDS,
    friendly: (byPath) => ({ ...folded(byPath), ...localErrors() }),
  });
  const { values: f, setValues: setForm, update, errors, setErrors, clear, formError, setFormError, submitting: saving, check, run } = form;

  /** A new form, prefilled from the account where it helps (name, gender, occupation). */
  function blankForm(): MatchForm {
    return {
      displayName: me?.nickname ?? '',
      gender: me?.gender ?? null,
      wantsToMeet: null,
      birthYear: me?.birthYear && me.birthYear <= new Date().getFullYear() - MIN_AGE ? me.birthYear : null,
      occupation: me?.occupation ?? null,
      city: '',
      intro: '',
      contactKind: 'wechat',
      contactValue: '',
    };
  }

  const remote = useData(async () => {
    const [consent, profile] = await Promise.all([matchmakingService.consent(), matchmakingService.myProfile()]);
    // No profile yet: the form is what the person came for (unsaved edits stay when the page is shown again).
    if (!profile && !editing) {
      setEditing(true);
      setForm(blankForm());
    }
    return { consent, profile };
  });
  const consent = remote.data?.consent ?? null;
  /** undefined: not loaded yet; null: no profile. */
  const profile = remote.data ? remote.data.profile : undefined;
  const setProfile = (p: MyMatchProfile | null) => remote.setData((d) => (d ? { ...d, profile: p } : d));

  const toggleAgreed = () => {
    setAgreed((a) => !a);
    clear('consentVersion');
  };

  /** Consent is asked again when there is no profile yet or the text has changed since. */
  const needsConsent = !profile || (!!consent && profile.consentVersion !== consent.version);

  const backToEvent = () => {
    if (!eventId) return;
    const pages = Taro.getCurrentPages();
    const prev = pages.length > 1 ? (pages[pages.length - 2]?.route ?? '') : '';
    if (prev.includes('pages/event/')) void Taro.navigateBack();
    else void Taro.redirectTo({ url: `/pages/event/index?id=${eventId}` });
  };

  const save = async () => {
    if (!consent || saving) return;
    const input = check(MatchProfileInputSchema, {
      consentVersion: needsConsent && !agreed ? '' : consent.version,
      displayName: f.displayName,
      gender: f.gender,
      wantsToMeet: f.wantsToMeet,
      birthYear: f.birthYear,
      occupation: f.occupation,
      city: f.city,
      intro: f.intro,
      photoUrl: profile?.photoUrl ?? null,
      contact: { kind: f.contactKind, value: f.contactValue.trim() },
    });
    if (!input) return;
    await run(async () => {
      try {
        const saved = await matchmakingService.saveProfile(input);
        setProfile(saved);
        setForm(formFromProfile(saved));
        setEditing(false);
        setAgreed(false);
        await Taro.showToast({ title: '交友资料已保存', icon: 'success' });
        if (eventId) setTimeout(backToEvent, 800);
      } catch (e) {
        // A new consent text appeared meanwhile: show it.
        if (isApiError(e) && e.issues.some((i) => i.path === 'consentVersion')) void remote.reload(true);
        throw e;
      }
    });
  };

  const [withdrawing, withdraw] = useDangerAction(
    {
      title: '撤回同意',
      content:
        '将立即删除：您的交友资料（昵称、性别、出生年份、职业、城市、自我介绍、照片、联系方式），您在交友活动中做出的全部选择和别人对您的选择，以及所有配对（对方将不再看到您的联系方式）。账号和活动报名不受影响。删除后不能恢复，确定吗？',
      confirmText: '确认删除',
    },
    '删除未成功',
    async () => {
      await matchmakingService.withdraw();
      setProfile(null);
      setForm(blankForm());
      setEditing(true);
      setAgreed(false);
      setErrors({});
      await Taro.showToast({ title: '已删除交友资料', icon: 'success' });
    },
  );

  if (profile === undefined || !consent) return <LoadPage id='match-profile' remote={remote} title='交友资料没加载出来' />;

  // ---- my profile, as saved ----
  if (profile && !editing) {
    const p = profile;
    const age = new Date().getFullYear() - p.birthYear;
    return (
      <Page name='match-profile'>
        <View className='card' id='match-profile-view'>
          <View className='row mp-head'>
            <View className='circle avatar-round mp-avatar'>
              <Text>{p.displayName.slice(0, 1)}</Text>
            </View>
            <View className='stack'>
              <Text className='person-name' id='match-profile-name'>
                {p.displayName}
              </Text>
              <Text className='muted'>
                {GENDER_LABELS[p.gender]} · {age}岁 · {OCCUPATION_LABELS[p.occupation]} · {p.city}
              </Text>
              <Text className='muted' id='match-profile-wants'>
                想认识：
                {p.wantsToMeet
                  ? WANTS_TO_MEET_LABELS[p.wantsToMeet]
                  : `${GENDER_LABELS[p.gender === 'male' ? 'female' : 'male']}（未选择，点「修改资料」选择）`}
              </Text>
            </View>
          </View>
          <Text className='text-body mp-intro'>{p.intro || '还没有写自我介绍'}</Text>
          <View className='contact-box'>
            <Text className='muted mp-block'>我的{CONTACT_LABELS[p.contact.kind]}</Text>
            <Text className='contact-value' id='match-profile-contact' userSelect>
              {p.contact.value}
            </Text>
            <Text className='muted mp-block mp-contact-hint'>只有双方互选配对成功后，对方才能看到</Text>
          </View>
          <Button
            id='match-edit'
            className='btn btn-secondary mp-gap'
            onClick={() => {
              setForm(formFromProfile(p));
              setErrors({});
              setFormError('');
              setEditing(true);
            }}
          >
            编辑
          </Button>
        </View>

        {eventId ? (
          <Button id='match-back-event' className='btn btn-primary mp-back' onClick={backToEvent}>
            回到活动页面报名
          </Button>
        ) : null}

        <View className='card'>
          <Text className='section-title mp-block'>交友资料使用说明</Text>
          <Text className='mp-consent-text'>{consent.text}</Text>
          <Text className='muted mp-block mp-consent-at'>您于 {chinaDateTimeText(p.consentAt)} 同意了以上说明</Text>
          <Button
            id='match-withdraw'
            className={`btn btn-danger mp-gap ${withdrawing ? 'btn-busy' : ''}`}
            disabled={withdrawing}
            onClick={() => void withdraw()}
          >
            {withdrawing ? '正在删除…' : '撤回同意并删除交友资料'}
          </Button>
          <Text className='muted mp-block mp-center'>删除后立即生效，不影响您的账号</Text>
        </View>
      </Page>
    );
  }

  // ---- consent and the form ----

  return (
    <Page name='match-profile'>
      {needsConsent ? (
        <View className={`card mp-consent ${errors.consentVersion ? 'mp-consent-invalid field-invalid' : ''}`} id='match-consent'>
          <Text className='section-title mp-block'>{profile ? '交友资料使用说明已更新' : '创建前请阅读'}</Text>
          <Text className='mp-consent-text' id='match-consent-text'>
            {consent.text}
          </Text>
          <Text className='note-box note-warning mp-consent-note'>这是交友活动单独的同意，和您的账号资料分开保存；不同意也不影响使用其他功能。</Text>
          <View id='match-consent-check' className='mp-check' hoverClass='list-row-active' onClick={toggleAgreed}>
            <View className={`mp-box ${agreed ? 'mp-box-on' : ''}`}>{agreed ? <Icon name='tick' label='已同意' /> : null}</View>
            <Text className='mp-check-label'>我已阅读并同意</Text>
          </View>
          {errors.consentVersion ? (
            <Text className='field-error' id='match-consent-error'>
              {errors.consentVersion}
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className='card' id='match-form'>
        <Text className='section-title mp-block'>{profile ? '编辑交友资料' : '填写交友资料'}</Text>
        <Text className='muted mp-block'>只给同一场交友活动中已签到的人看；联系方式只在配对成功后给对方看。</Text>

        <TextField id='match-name' label='昵称' {...bindText(form, 'displayName')} maxlength={LIMITS.nicknameMax} placeholder='对方看到的称呼' />
        <PickField id='match-gender' label='性别' {...bindPick(form, 'gender', genderOptions, genderLabels, { placeholder: '请选择' })} />
        <FormField label='想认识' error={errors.wantsToMeet} errorId='match-wants-error' hint='互选时只显示您想认识的人'>
          <Chips options={WANTS_OPTIONS} value={f.wantsToMeet} idPrefix='match-wants' onChange={(k) => update('wantsToMeet', k)} />
        </FormField>
        <PickField
          id='match-birth-year'
          label='出生年份'
          hint='须年满18周岁；对方只看到年龄'
          {...bindPick(form, 'birthYear', years, yearLabels, { placeholder: '请选择', start: DEFAULT_BIRTH_YEAR })}
        />
        <PickField id='match-occupation' label='职业' {...bindPick(form, 'occupation', occupationOptions, occupationLabels, { placeholder: '请选择' })} />
        <TextField id='match-city' label='所在城市' {...bindText(form, 'city')} maxlength={20} placeholder='例如 绍兴' />
        <TextField
          id='match-intro'
          label={`自我介绍（${f.intro.length}/${LIMITS.matchIntroMax}）`}
          hint='兴趣爱好、希望认识什么样的人，可不填'
          {...bindText(form, 'intro')}
          multiline
          maxlength={LIMITS.matchIntroMax}
          placeholder='简单介绍一下自己'
        />
        <TextField
          // A new input per kind: Taro's H5 input keeps the type it was created with.
          key={f.contactKind}
          id='match-contact'
          label='联系方式（配对成功后才给对方看）'
          before={<Chips options={CONTACT_KINDS} value={f.contactKind} idPrefix='match-contact-kind' onChange={(k) => update('contactKind', k, 'contact')} />}
          {...bindText(form, 'contactValue', 'contact')}
          type={f.contactKind === 'phone' ? 'number' : 'text'}
          maxlength={f.contactKind === 'phone' ? 11 : 20}
          placeholder={f.contactKind === 'phone' ? '11位手机号' : '您的微信号（不是昵称）'}
        />
        <FormError id='match-form-error' text={formError} />
        <SubmitButton id='match-save' busy={saving} busyText='正在保存…' onClick={() => void save()}>
          {profile ? '保存修改' : '同意并保存'}
        </SubmitButton>
        {profile ? (
          <Button
            id='match-edit-cancel'
            className='btn btn-secondary'
            onClick={() => {
              setEditing(false);
              setErrors({});
              setFormError('');
            }}
          >
            取消编辑
          </Button>
        ) : null}
      </View>
    </Page>
  );
}
