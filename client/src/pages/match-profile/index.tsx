import { useMemo, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { confirmDanger } from '@/ui/toast';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  GENDER_LABELS,
  LIMITS,
  MatchProfileInputSchema,
  OCCUPATION_LABELS,
  WANTS_TO_MEET_LABELS,
  issuesByField,
  toFieldIssues,
  type Gender,
  type MyMatchProfile,
  type Occupation,
  type WantsToMeet,
} from '@xlx/shared';
import Chips from '@/ui/Chips';
import FormField, { SelectField } from '@/ui/FormField';
import StateView from '@/ui/StateView';
import { matchmakingService, type MatchConsent } from '@/services/matchmaking';
import { errorMessage, isApiError } from '@/services/request';
import { ensureSignedIn, useSession } from '@/services/session';
import { chinaDateTimeText } from '@/lib/format';
import { genderLabels, genderOptions, occupationLabels, occupationOptions } from '@/pages/me/form';
import './index.css';
import Icon from '@/ui/Icon';
import TextScale from '@/ui/TextScale';

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
  return {
    displayName: p.displayName,
    gender: p.gender,
    wantsToMeet: p.wantsToMeet,
    birthYear: p.birthYear,
    occupation: p.occupation,
    city: p.city,
    intro: p.intro,
    contactKind: p.contact.kind,
    contactValue: p.contact.value,
  };
}

/** The server's and the schema's field paths, folded onto the form's fields. */
function fieldOf(path: string): string {
  if (path.startsWith('contact')) return 'contact';
  return path;
}

export default function MatchProfilePage() {
  const { params } = useRouter();
  const eventId = Number(params.eventId) > 0 ? Number(params.eventId) : null;
  const { me } = useSession();
  const years = useMemo(() => adultYears(), []);

  const [consent, setConsent] = useState<MatchConsent | null>(null);
  /** undefined: not loaded yet; null: no profile. */
  const [profile, setProfile] = useState<MyMatchProfile | null | undefined>(undefined);
  const [loadError, setLoadError] = useState('');
  const [editing, setEditing] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [form, setForm] = useState<MatchForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [saving, setSaving] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);

  /** A new form, prefilled from the account where it helps (name, gender, occupation). */
  const blankForm = (): MatchForm => ({
    displayName: me?.nickname ?? '',
    gender: me?.gender ?? null,
    wantsToMeet: null,
    birthYear: me?.birthYear && me.birthYear <= new Date().getFullYear() - MIN_AGE ? me.birthYear : null,
    occupation: me?.occupation ?? null,
    city: '',
    intro: '',
    contactKind: 'wechat',
    contactValue: '',
  });

  const load = async () => {
    try {
      if (!(await ensureSignedIn())) return;
      const [c, p] = await Promise.all([matchmakingService.consent(), matchmakingService.myProfile()]);
      setConsent(c);
      setLoadError('');
      // Keep unsaved edits when the page is shown again.
      if (editing && form) {
        setProfile(p);
        return;
      }
      setProfile(p);
      if (!p) {
        setEditing(true);
        setForm((f) => f ?? blankForm());
      }
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  };

  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const update = <K extends keyof MatchForm>(key: K, value: MatchForm[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    const field = key === 'contactKind' || key === 'contactValue' ? 'contact' : key;
    setErrors((e) => {
      if (!e[field]) return e;
      const next = { ...e };
      delete next[field];
      return next;
    });
  };

  const toggleAgreed = () => {
    setAgreed((a) => !a);
    setErrors((e) => {
      if (!e.consentVersion) return e;
      const next = { ...e };
      delete next.consentVersion;
      return next;
    });
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
    if (!form || !consent || saving) return;
    setFormError('');
    const input = {
      consentVersion: needsConsent && !agreed ? '' : consent.version,
      displayName: form.displayName,
      gender: form.gender,
      wantsToMeet: form.wantsToMeet,
      birthYear: form.birthYear,
      occupation: form.occupation,
      city: form.city,
      intro: form.intro,
      photoUrl: profile?.photoUrl ?? null,
      contact: { kind: form.contactKind, value: form.contactValue.trim() },
    };
    const local: Record<string, string> = {};
    if (needsConsent && !agreed) local.consentVersion = '请先阅读上面的说明，并勾选“我已阅读并同意”';
    if (form.birthYear === null) local.birthYear = '请选择出生年份';
    const parsed = MatchProfileInputSchema.safeParse(input);
    if (!parsed.success || Object.keys(local).length > 0) {
      const byField: Record<string, string> = {};
      if (!parsed.success) {
        for (const [path, message] of Object.entries(issuesByField(toFieldIssues(parsed.error)))) {
          const f = fieldOf(path);
          if (!(f in byField)) byField[f] = message;
        }
      }
      setErrors({ ...byField, ...local });
      // The consent box is at the top, out of sight of the save button.
      if (local.consentVersion) void Taro.pageScrollTo({ scrollTop: 0, duration: 300 });
      await Taro.showToast({ title: '请按红字提示修改后再保存', icon: 'none' });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await matchmakingService.saveProfile(parsed.data);
      setProfile(saved);
      setForm(formFromProfile(saved));
      setEditing(false);
      setAgreed(false);
      await Taro.showToast({ title: '交友资料已保存', icon: 'success' });
      if (eventId) setTimeout(backToEvent, 800);
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED' && e.issues.length > 0) {
        const byField: Record<string, string> = {};
        for (const i of e.issues) {
          const f = fieldOf(i.path);
          if (!(f in byField)) byField[f] = i.message;
        }
        setErrors(byField);
        const other = Object.keys(byField).filter((k) => !(FIELDS as readonly string[]).includes(k));
        setFormError(other.length ? other.map((k) => byField[k]).join('；') : e.message);
        // A new consent text appeared meanwhile: show it.
        if (byField.consentVersion) void load();
      } else {
        setFormError(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  };

  const withdraw = async () => {
    if (withdrawing) return;
    const confirm = await confirmDanger({
      title: '撤回同意',
      content:
        '将立即删除：您的交友资料（昵称、性别、出生年份、职业、城市、自我介绍、照片、联系方式），您在交友活动中做出的全部选择和别人对您的选择，以及所有配对（对方将不再看到您的联系方式）。账号和活动报名不受影响。删除后不能恢复，确定吗？',
      confirmText: '确认删除',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setWithdrawing(true);
    try {
      await matchmakingService.withdraw();
      setProfile(null);
      setForm(blankForm());
      setEditing(true);
      setAgreed(false);
      setErrors({});
      await Taro.showToast({ title: '已删除交友资料', icon: 'success' });
    } catch (e) {
      await Taro.showModal({ title: '删除未成功', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setWithdrawing(false);
    }
  };

  if (profile === undefined || !consent) {
    return (
      <View className='page match-profile'>
        <TextScale />
        {loadError ? (
          <StateView id='match-profile-error' icon='warning' title='交友资料没加载出来' text={loadError} actionText='重新加载' onAction={() => void load()} />
        ) : (
          <StateView id='match-profile-loading' title='正在加载…' />
        )}
      </View>
    );
  }

  // ---- my profile, as saved ----
  if (profile && !editing) {
    const p = profile;
    const age = new Date().getFullYear() - p.birthYear;
    return (
      <View className='page match-profile'>
        <TextScale />
        <View className='card' id='match-profile-view'>
          <View className='mp-head'>
            <View className='avatar-round mp-avatar'>
              <Text>{p.displayName.slice(0, 1)}</Text>
            </View>
            <View className='mp-head-text'>
              <Text className='mp-name' id='match-profile-name'>
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
          <Text className='mp-intro'>{p.intro || '还没有写自我介绍'}</Text>
          <View className='mp-contact'>
            <Text className='mp-contact-label'>我的{CONTACT_LABELS[p.contact.kind]}</Text>
            <Text className='mp-contact-value' id='match-profile-contact' userSelect>
              {p.contact.value}
            </Text>
            <Text className='muted mp-contact-hint'>只有双方互选配对成功后，对方才能看到</Text>
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
      </View>
    );
  }

  // ---- consent and the form ----
  const f = form ?? blankForm();
  const occupationIndex = Math.max(0, occupationOptions.indexOf(f.occupation));
  const genderIndex = Math.max(0, genderOptions.indexOf(f.gender));
  const yearIndex = Math.max(0, years.indexOf(f.birthYear ?? DEFAULT_BIRTH_YEAR));

  return (
    <View className='page match-profile'>
      <TextScale />
      {needsConsent ? (
        <View className={`card mp-consent ${errors.consentVersion ? 'mp-consent-invalid' : ''}`} id='match-consent'>
          <Text className='section-title mp-block'>{profile ? '交友资料使用说明已更新' : '创建前请阅读'}</Text>
          <Text className='mp-consent-text' id='match-consent-text'>
            {consent.text}
          </Text>
          <Text className='mp-consent-note'>这是交友活动单独的同意，和您的账号资料分开保存；不同意也不影响使用其他功能。</Text>
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

        <FormField label='昵称' error={errors.displayName} errorId='match-name-error'>
          <Input
            id='match-name'
            className='field-input'
            value={f.displayName}
            maxlength={LIMITS.nicknameMax}
            placeholder='对方看到的称呼'
            onInput={(e) => update('displayName', e.detail.value)}
          />
        </FormField>

        <FormField label='性别' error={errors.gender} errorId='match-gender-error'>
          <SelectField
            id='match-gender'
            range={genderLabels}
            index={genderIndex}
            text={f.gender ? GENDER_LABELS[f.gender] : '请选择'}
            empty={!f.gender}
            onPick={(i) => update('gender', genderOptions[i] ?? null)}
          />
        </FormField>

        <FormField label='想认识' error={errors.wantsToMeet} errorId='match-wants-error' hint='互选时只显示您想认识的人'>
          <Chips options={WANTS_OPTIONS} value={f.wantsToMeet} idPrefix='match-wants' onChange={(k) => update('wantsToMeet', k)} />
        </FormField>

        <FormField label='出生年份' error={errors.birthYear} errorId='match-birth-year-error' hint='须年满18周岁；对方只看到年龄'>
          <SelectField
            id='match-birth-year'
            range={years.map((y) => `${y}年`)}
            index={yearIndex}
            text={f.birthYear ? `${f.birthYear}年` : '请选择'}
            empty={!f.birthYear}
            onPick={(i) => update('birthYear', years[i] ?? null)}
          />
        </FormField>

        <FormField label='职业' error={errors.occupation} errorId='match-occupation-error'>
          <SelectField
            id='match-occupation'
            range={occupationLabels}
            index={occupationIndex}
            text={f.occupation ? OCCUPATION_LABELS[f.occupation] : '请选择'}
            empty={!f.occupation}
            onPick={(i) => update('occupation', occupationOptions[i] ?? null)}
          />
        </FormField>

        <FormField label='所在城市' error={errors.city} errorId='match-city-error'>
          <Input
            id='match-city'
            className='field-input'
            value={f.city}
            maxlength={20}
            placeholder='例如 绍兴'
            onInput={(e) => update('city', e.detail.value)}
          />
        </FormField>

        <FormField
          label={`自我介绍（${f.intro.length}/${LIMITS.matchIntroMax}）`}
          error={errors.intro}
          errorId='match-intro-error'
          hint='兴趣爱好、希望认识什么样的人，可不填'
        >
          <Textarea
            id='match-intro'
            className='field-textarea'
            value={f.intro}
            maxlength={LIMITS.matchIntroMax}
            placeholder='简单介绍一下自己'
            onInput={(e) => update('intro', e.detail.value)}
          />
        </FormField>

        <FormField label='联系方式（配对成功后才给对方看）' error={errors.contact} errorId='match-contact-error'>
          <Chips options={CONTACT_KINDS} value={f.contactKind} idPrefix='match-contact-kind' onChange={(k) => update('contactKind', k)} />
          <Input
            // A new input per kind: Taro's H5 input keeps the type it was created with.
            key={f.contactKind}
            id='match-contact'
            className='field-input'
            type={f.contactKind === 'phone' ? 'number' : 'text'}
            value={f.contactValue}
            maxlength={f.contactKind === 'phone' ? 11 : 20}
            placeholder={f.contactKind === 'phone' ? '11位手机号' : '您的微信号（不是昵称）'}
            onInput={(e) => update('contactValue', e.detail.value)}
          />
        </FormField>

        {formError ? (
          <Text className='field-error mp-form-error' id='match-form-error'>
            {formError}
          </Text>
        ) : null}

        <Button id='match-save' className={`btn btn-primary mp-gap ${saving ? 'btn-busy' : ''}`} disabled={saving} onClick={() => void save()}>
          {saving ? '正在保存…' : profile ? '保存修改' : '同意并保存'}
        </Button>
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
    </View>
  );
}
