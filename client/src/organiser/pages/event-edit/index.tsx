import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import {
  EVENT_KINDS,
  EVENT_KIND_LABELS,
  EventInputSchema,
  GENDERS,
  GENDER_LABELS,
  LIMITS,
  OCCUPATIONS,
  OCCUPATION_LABELS,
  QUESTION_KINDS,
  QUESTION_KIND_LABELS,
  QUESTIONS_MAX,
  type Event,
  type EventInput,
  type EventKind,
  type EventPatch,
  type Gender,
  type Occupation,
  type RegistrationQuestion,
  type Station,
} from '@xlx/shared';
import FormField, { SelectField } from '@/ui/FormField';
import { organiserService } from '@/services/organiser';
import { OrgPageGate } from '@/ui/PageState';
import Chips, { type ChipOption } from '@/ui/Chips';
import { SwitchRow } from '@/ui/Controls';
import { useForm } from '@/lib/useForm';
import { pageUrl } from '@/lib/pages';
import { ORG_PAGES } from '@/lib/org-pages';
import { addDays, nowHHmmRounded, splitChinaIso, toChinaIso, todayChina } from '@/lib/format-org';
import { toast } from '@/ui/toast';
import { Section } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';
import CoverCard from './CoverCard';
import {
  CoordFields,
  DateField,
  OrgField,
  EditForm,
  choosePlace,
  leaveAfterSave,
  TextField,
  bindField,
  bindSwitch,
  fieldError,
  useEditTarget,
  type DT,
} from '@/organiser/components/FormBits';

interface Form {
  organisationId: number | null;
  kind: EventKind;
  title: string;
  description: string;
  venueMode: 'station' | 'address';
  stationId: number | null;
  venue: string;
  latitude: string;
  longitude: string;
  start: DT;
  end: DT;
  regOpen: DT;
  regClose: DT;
  capacity: string;
  waitlist: boolean;
  hasCancelDeadline: boolean;
  cancelDeadline: DT;
  genders: Gender[];
  minAge: string;
  maxAge: string;
  occupations: Occupation[];
  membersOnly: boolean;
  selfCheckin: boolean;
  certificateName: string;
  contactPhone: string;
  questions: RegistrationQuestion[];
}

function newForm(): Form {
  const today = todayChina();
  return {
    organisationId: null,
    kind: 'training',
    title: '',
    description: '',
    venueMode: 'station',
    stationId: null,
    venue: '',
    latitude: '',
    longitude: '',
    start: { date: addDays(today, 7), time: '14:00' },
    end: { date: addDays(today, 7), time: '16:00' },
    regOpen: { date: today, time: nowHHmmRounded() },
    regClose: { date: addDays(today, 7), time: '12:00' },
    capacity: '50',
    waitlist: true,
    hasCancelDeadline: true,
    cancelDeadline: { date: addDays(today, 6), time: '18:00' },
    genders: [],
    minAge: '',
    maxAge: '',
    occupations: [],
    membersOnly: false,
    selfCheckin: false,
    certificateName: '',
    contactPhone: '',
    questions: [],
  };
}

function formFromEvent(e: Event): Form {
  return {
    organisationId: e.organisationId,
    kind: e.kind,
    title: e.title,
    description: e.description,
    venueMode: e.stationId ? 'station' : 'address',
    stationId: e.stationId,
    venue: e.stationId ? '' : e.venue,
    latitude: e.latitude === null || e.stationId ? '' : String(e.latitude),
    longitude: e.longitude === null || e.stationId ? '' : String(e.longitude),
    start: splitChinaIso(e.startsAt),
    end: splitChinaIso(e.endsAt),
    regOpen: splitChinaIso(e.registrationOpensAt),
    regClose: splitChinaIso(e.registrationClosesAt),
    capacity: String(e.capacity),
    waitlist: e.waitlist,
    hasCancelDeadline: e.cancellationDeadline !== null,
    cancelDeadline: e.cancellationDeadline ? splitChinaIso(e.cancellationDeadline) : splitChinaIso(new Date(Date.parse(e.startsAt) - 86400_000).toISOString()),
    genders: [...e.eligibility.genders],
    minAge: e.eligibility.minAge === null ? '' : String(e.eligibility.minAge),
    maxAge: e.eligibility.maxAge === null ? '' : String(e.eligibility.maxAge),
    occupations: [...e.eligibility.occupations],
    membersOnly: e.eligibility.membersOnly,
    selfCheckin: e.selfCheckin,
    certificateName: e.certificateName ?? '',
    contactPhone: e.contactPhone ?? '',
    questions: e.questions.map((q) => ({ ...q })),
  };
}

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s.trim()));
const optNum = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()));
const iso = (d: DT) => toChinaIso(d.date, d.time);

function toInput(f: Form): Record<string, unknown> {
  const atStation = f.venueMode === 'station';
  return {
    organisationId: f.organisationId ?? 0,
    kind: f.kind,
    title: f.title,
    description: f.description,
    stationId: atStation ? f.stationId : null,
    venue: atStation ? '' : f.venue,
    latitude: atStation ? null : num(f.latitude),
    longitude: atStation ? null : num(f.longitude),
    startsAt: iso(f.start),
    endsAt: iso(f.end),
    registrationOpensAt: iso(f.regOpen),
    registrationClosesAt: iso(f.regClose),
    capacity: num(f.capacity),
    waitlist: f.waitlist,
    cancellationDeadline: f.hasCancelDeadline ? iso(f.cancelDeadline) : null,
    eligibility: { genders: f.genders, minAge: optNum(f.minAge), maxAge: optNum(f.maxAge), occupations: f.occupations, membersOnly: f.membersOnly },
    selfCheckin: f.selfCheckin,
    certificateName: f.kind === 'training' && f.certificateName.trim() ? f.certificateName.trim() : null,
    contactPhone: f.contactPhone.trim() || null,
    questions: f.questions,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameTime = (a: string | null, b: string | null) => (a === null || b === null ? a === b : Date.parse(a) === Date.parse(b));

/** Only what changed goes to PATCH (organisation and kind stay as created). */
function patchFrom(e: Event, input: EventInput): EventPatch {
  const p: EventPatch = {};
  if (input.title !== e.title) p.title = input.title;
  if (input.description !== e.description) p.description = input.description;
  if (
    input.stationId !== e.stationId ||
    (input.stationId === null && (input.venue !== e.venue || input.latitude !== e.latitude || input.longitude !== e.longitude))
  ) {
    p.stationId = input.stationId;
    if (input.stationId === null) {
      p.venue = input.venue;
      p.latitude = input.latitude;
      p.longitude = input.longitude;
    }
  }
  for (const key of ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const) if (!sameTime(input[key], e[key])) p[key] = input[key];
  if (!sameTime(input.cancellationDeadline, e.cancellationDeadline)) p.cancellationDeadline = input.cancellationDeadline;
  if (input.capacity !== e.capacity) p.capacity = input.capacity;
  if (input.waitlist !== e.waitlist) p.waitlist = input.waitlist;
  if (input.selfCheckin !== e.selfCheckin) p.selfCheckin = input.selfCheckin;
  if (input.certificateName !== e.certificateName) p.certificateName = input.certificateName;
  if (!same(input.eligibility, e.eligibility)) p.eligibility = input.eligibility;
  if (input.contactPhone !== e.contactPhone) p.contactPhone = input.contactPhone;
  if (!same(input.questions, e.questions)) p.questions = input.questions;
  return p;
}

/** The words of the form's text fields. */
const TEXTS = {
  title: { label: '活动名称', maxlength: LIMITS.eventTitleMax, placeholder: '例如 育婴员技能培训（第3期）' },
  description: { label: '活动介绍', area: 'org-textarea', maxlength: 2000, placeholder: '内容、流程、需要携带的物品等' },
  certificate: { label: '结业证书（可不填）', hint: '签到即记为完成培训，名单中显示“结业”', maxlength: 60, placeholder: '例如 保育员上岗证书' },
};

/**
 * Field keys the form shows errors under: every field of the input but the two switches (候补,
 * 自助签到), which have no message line; anything else is listed above the save button.
 */
const SHOWN = Object.keys(EventInputSchema.shape).filter((k) => k !== 'waitlist' && k !== 'selfCheckin');

/** Create (no id; saved as a draft) or edit an event. */
export default function EventEditPage() {
  const f = useForm<Form>(newForm, { fields: SHOWN });
  const { values: form, setValues: setForm, update, errors, formError, submitting: saving, check, run } = f;
  const [stations, setStations] = useState<Station[] | null>(null);
  const { id, target: event, orgField } = useEditTarget('event', f, (e) => setForm(formFromEvent(e)));

  useLoad(() => {
    organiserService
      .stations()
      .then((r) => setStations(r.items.sort((a, b) => Number(b.active) - Number(a.active))))
      .catch(() => setStations([]));
  });

  // No station to pick from: the address is the only way.
  useEffect(() => {
    if (stations && stations.length === 0 && form.venueMode === 'station') setForm((f) => ({ ...f, venueMode: 'address' }));
  }, [stations, form.venueMode, setForm]);

  const chooseLocation = () => choosePlace(f, 'venue', (res) => ({ venue: `${res.address ?? ''}${res.name ? ` ${res.name}` : ''}`.trim().slice(0, 120) }));

  const save = async () => {
    if (saving) return;
    const input = check(EventInputSchema, toInput(form));
    if (!input) return;
    await run(async () => {
      if (id && event.data) {
        const patch = patchFrom(event.data, input);
        if (Object.keys(patch).length === 0) {
          toast('没有改动');
          return;
        }
        event.setData(await organiserService.updateEvent(id, patch));
        leaveAfterSave('已保存');
      } else {
        const created = await organiserService.createEvent(input);
        leaveAfterSave('已保存为草稿', pageUrl(ORG_PAGES.event, { id: created.id }));
      }
    });
  };

  /** A choice of whom the event is for (none chosen: anyone), its messages under `eligibility.<key>`. */
  const eligibility = <K extends 'genders' | 'occupations'>(key: K, label: string, idPrefix: string, options: ChipOption<Form[K][number]>[]) => (
    <FormField label={label} error={fieldError(errors, `eligibility.${key}`)}>
      <Chips look='org' multiple idPrefix={idPrefix} options={options} values={form[key]} onChange={(v) => update(key, v as Form[K], `eligibility.${key}`)} />
    </FormField>
  );
  const setQuestions = (questions: RegistrationQuestion[]) => update('questions', questions, 'questions');

  if (id && !event.data) return <OrgPageGate id={id} remote={event} what='活动' backUrl={ORG_PAGES.events} />;

  if (event.data?.status === 'cancelled') {
    return (
      <View className='page org-page'>
        <View className='card'>
          <Text className='org-title'>活动已取消</Text>
          <Text className='org-sub'>已取消的活动不能再修改。如需重新举办，请新建活动。</Text>
          <View className='org-spacer' />
          <Button className='btn btn-secondary' onClick={() => void Taro.navigateBack()}>
            返回
          </Button>
        </View>
      </View>
    );
  }

  const kindIndex = Math.max(0, EVENT_KINDS.indexOf(form.kind));
  const stationList = stations ?? [];
  const stationIndex = stationList.findIndex((s) => s.id === form.stationId);
  const published = event.data?.status === 'published';

  return (
    <EditForm
      idPrefix='event'
      notice={published ? <Text className='note-box note-warning org-notice'>活动已发布：修改会立即对工友生效。减少名额不能少于已报名人数。</Text> : null}
      formError={formError}
      saving={saving}
      label={id ? '保存修改' : '保存为草稿'}
      onSave={() => void save()}
      footer={!id ? <Text className='field-hint org-center'>保存后可在活动页检查并发布，发布前工友看不到。</Text> : null}
    >
      <View className='org-col'>
        <Section title='活动信息'>
          <OrgField label='主办工会' id='event-org' {...orgField} />
          <FormField label='活动类型' error={errors.kind}>
            {id ? (
              <Text className='org-readonly'>{EVENT_KIND_LABELS[form.kind]}</Text>
            ) : (
              <SelectField
                id='event-kind'
                range={EVENT_KINDS.map((k) => EVENT_KIND_LABELS[k])}
                index={kindIndex}
                text={EVENT_KIND_LABELS[form.kind]}
                onPick={(i) => update('kind', EVENT_KINDS[i] ?? 'other', 'kind', 'certificateName')}
              />
            )}
          </FormField>
          <TextField id='event-title' {...TEXTS.title} {...bindField(f, 'title')} />
          <TextField id='event-description' {...TEXTS.description} {...bindField(f, 'description')} />
          {form.kind === 'training' ? <TextField id='event-certificate' {...TEXTS.certificate} {...bindField(f, 'certificateName')} /> : null}
        </Section>

        <CoverCard event={event.data ?? null} />

        <Section title='活动地点'>
          <Chips
            look='org'
            idPrefix='event-venue-mode'
            options={[
              { value: 'station', label: '在我的驿站' },
              { value: 'address', label: '其他地址' },
            ]}
            value={form.venueMode}
            onChange={(v) => update('venueMode', v as Form['venueMode'], 'venue', 'stationId', 'latitude', 'longitude')}
          />
          {form.venueMode === 'station' ? (
            <FormField label='选择驿站' error={errors.stationId ?? errors.venue} errorId='event-venue-error'>
              {stations === null ? (
                <Text className='org-readonly muted'>正在加载驿站…</Text>
              ) : (
                <SelectField
                  id='event-station'
                  range={stationList.map((s) => `${s.name}${s.active ? '' : '（已暂停）'}`)}
                  index={stationIndex}
                  text={stationList[stationIndex]?.name ?? '点此选择驿站'}
                  empty={stationIndex < 0}
                  onPick={(i) => update('stationId', stationList[i]?.id ?? null, 'stationId', 'venue')}
                />
              )}
            </FormField>
          ) : (
            <>
              <TextField label='地址' id='event-venue' maxlength={120} placeholder='例如 上虞区职工服务中心三楼报告厅' {...bindField(f, 'venue')} />
              <CoordFields
                idPrefix='event'
                lat={bindField(f, 'latitude', 'latitude', 'venue')}
                lng={bindField(f, 'longitude', 'longitude', 'venue')}
                onChoose={() => void chooseLocation()}
              />
            </>
          )}
        </Section>
      </View>

      <View className='org-col'>
        <Section title='时间'>
          <DateField label='活动开始' id='event-start' {...bindField(f, 'start', 'startsAt', 'endsAt', 'cancellationDeadline')} />
          <DateField label='活动结束' id='event-end' {...bindField(f, 'end', 'endsAt', 'registrationClosesAt')} />
          <DateField label='报名开始' id='event-reg-open' {...bindField(f, 'regOpen', 'registrationOpensAt', 'registrationClosesAt')} />
          <DateField label='报名截止' id='event-reg-close' hint='不能晚于活动结束' {...bindField(f, 'regClose', 'registrationClosesAt')} />
          <SwitchRow
            id='event-has-cancel-deadline'
            label='设置取消截止时间'
            hint='截止后工友不能自行取消报名'
            {...bindSwitch(f, 'hasCancelDeadline', 'cancellationDeadline')}
          />
          {form.hasCancelDeadline ? (
            <DateField label='取消截止' id='event-cancel-deadline' hint='不能晚于活动开始' {...bindField(f, 'cancelDeadline', 'cancellationDeadline')} />
          ) : null}
        </Section>

        <Section title='名额与签到'>
          <TextField label='名额' id='event-capacity' type='number' placeholder='例如 50' {...bindField(f, 'capacity')} />
          <SwitchRow id='event-waitlist' label='满员后可候补' hint='有人取消时，候补者按顺序自动转为正式报名' {...bindSwitch(f, 'waitlist')} />
          <SwitchRow id='event-self-checkin' label='自助签到' hint='现场显示动态签到码，参加者扫码签到，无需排队验票' {...bindSwitch(f, 'selfCheckin')} />
        </Section>

        <Section title='联系与报名问题' id='event-questions-card'>
          <TextField
            label='咨询电话（可不填）'
            id='event-contact'
            hint='显示在活动页，工友可一键拨打'
            type='text'
            maxlength={20}
            placeholder='手机号或座机，例如 0575-82001234'
            {...bindField(f, 'contactPhone')}
          />
          <Text className='muted'>报名时请工友填写的信息（最多{QUESTIONS_MAX}项），回答显示在签到名单和导出的表格里。</Text>
          {form.questions.map((q, i) => (
            <View key={i} className='org-question' id={`event-question-${i}`}>
              <FormField label={`${i + 1}. ${QUESTION_KIND_LABELS[q.kind]}`} error={fieldError(errors, `questions.${i}`)} errorId={`event-question-${i}-error`}>
                <Input
                  id={`event-question-${i}-label`}
                  className='field-input'
                  value={q.label}
                  maxlength={40}
                  placeholder='向工友显示的问题'
                  onInput={(e) => setQuestions(form.questions.map((x, j) => (j === i ? { ...x, label: e.detail.value } : x)))}
                />
              </FormField>
              <SwitchRow
                id={`event-question-${i}-required`}
                label='必填'
                checked={q.required}
                onChange={(v) => setQuestions(form.questions.map((x, j) => (j === i ? { ...x, required: v } : x)))}
              />
              <Button
                id={`event-question-${i}-remove`}
                className='btn btn-secondary org-question-remove'
                onClick={() => setQuestions(form.questions.filter((_, j) => j !== i))}
              >
                删除这个问题
              </Button>
            </View>
          ))}
          {fieldError(errors, 'questions') && !form.questions.some((_, i) => fieldError(errors, `questions.${i}`)) ? (
            <Text className='field-error'>{fieldError(errors, 'questions')}</Text>
          ) : null}
          {form.questions.length < QUESTIONS_MAX ? (
            <View className='org-question-add'>
              {QUESTION_KINDS.map((k) => (
                <Button
                  key={k}
                  id={`event-question-add-${k}`}
                  className='btn btn-secondary org-question-add-button'
                  onClick={() => setQuestions([...form.questions, { kind: k, label: k === 'text' ? '' : QUESTION_KIND_LABELS[k], required: k !== 'text' }])}
                >
                  添加{QUESTION_KIND_LABELS[k]}
                </Button>
              ))}
            </View>
          ) : null}
        </Section>

        <Section title='报名条件' intro='不选表示不限。不符合条件的工友看得到活动，但不能报名。'>
          {eligibility(
            'genders',
            '性别',
            'event-gender',
            GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] })),
          )}
          <View className='org-pair'>
            <View className='org-pair-item'>
              <TextField
                label='最小年龄'
                id='event-min-age'
                type='number'
                placeholder='不限'
                {...bindField(f, 'minAge', 'eligibility.minAge', 'eligibility.maxAge')}
              />
            </View>
            <View className='org-pair-item'>
              <TextField label='最大年龄' id='event-max-age' type='number' placeholder='不限' {...bindField(f, 'maxAge', 'eligibility.maxAge')} />
            </View>
          </View>
          {eligibility(
            'occupations',
            '职业',
            'event-occupation',
            OCCUPATIONS.map((o) => ({ value: o, label: OCCUPATION_LABELS[o] })),
          )}
          <SwitchRow id='event-members-only' label='仅限工会会员' hint='非会员会看到“请先申请入会”的提示' {...bindSwitch(f, 'membersOnly')} />
        </Section>
      </View>
    </EditForm>
  );
}
