import { useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  LIMITS,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_LABELS,
  RequestInputSchema,
  formatDistance,
  issuesByField,
  toFieldIssues,
  type Organisation,
  type Station,
  type WorkerRequest,
} from '@xlx/shared';
import Chips from '@/ui/Chips';
import FormField, { SelectField } from '@/ui/FormField';
import PhotoPicker, { photoProblem, uploadedIds, type PhotoItem } from '@/ui/PhotoPicker';
import StateView from '@/ui/StateView';
import Badge from '@/ui/Badge';
import { errorMessage, isApiError } from '@/services/request';
import { requestsService } from '@/services/requests';
import { askSubscribe, prefetchSubscribeTemplates } from '@/services/subscribe';
import { getHereOnce, stationsService } from '@/services/stations';
import { chinaDateTimeText } from '@/lib/format';
import { awaitsRating, requestDueText, requestStatusView } from './format';
import PrivacySheet from '@/ui/PrivacySheet';
import { useData } from '@/lib/useData';
import PageState, { RefreshNotice } from '@/ui/PageState';
import './index.css';
import Icon from '@/ui/Icon';
import TextScale from '@/ui/TextScale';

type Category = (typeof REQUEST_CATEGORIES)[number];
type Target = 'station' | 'org';

const CATEGORY_CHOICES = REQUEST_CATEGORIES.map((value) => ({ value, label: REQUEST_CATEGORY_LABELS[value] }));
const TARGET_CHOICES = [
  { value: 'station' as const, label: '附近的驿站' },
  { value: 'org' as const, label: '工会' },
];
/** Nearby stations offered in the form. */
const STATION_LIMIT = 8;

interface RequestForm {
  category: Category | null;
  text: string;
  target: Target;
  stationId: number | null;
  organisationId: number | null;
}

const FIELDS = ['category', 'text', 'organisationId', 'stationId', 'photoId'] as const;

export default function RequestsPage() {
  const { params } = useRouter();
  const remote = useData<WorkerRequest[]>(async () => (await requestsService.listMine()).items);
  const items = remote.data;
  const setItems = remote.setData;
  const [formOpen, setFormOpen] = useState(params.new === '1');
  const [form, setForm] = useState<RequestForm>({
    category: null,
    text: '',
    target: params.organisationId ? 'org' : 'station',
    stationId: Number(params.stationId) > 0 ? Number(params.stationId) : null,
    organisationId: Number(params.organisationId) > 0 ? Number(params.organisationId) : null,
  });
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [stations, setStations] = useState<Station[] | null>(null);
  const [located, setLocated] = useState(true);
  const [stationsError, setStationsError] = useState('');
  const [orgs, setOrgs] = useState<Organisation[] | null>(null);
  const [orgsError, setOrgsError] = useState('');
  const choicesLoading = useRef(false);

  /** The stations nearby and the unions, for "反映给"; asked once when the form opens. */
  const loadChoices = async (retryLocation = false) => {
    if (choicesLoading.current) return;
    choicesLoading.current = true;
    try {
      const [here] = await Promise.all([
        getHereOnce(retryLocation),
        orgs
          ? Promise.resolve()
          : requestsService.organisations().then(
              (r) => {
                setOrgs(r.items);
                setOrgsError('');
              },
              (e) => setOrgsError(errorMessage(e)),
            ),
      ]);
      setLocated(!!here);
      try {
        const r = await stationsService.list({ here, limit: STATION_LIMIT });
        setStations(r.items);
        setStationsError('');
      } catch (e) {
        setStationsError(errorMessage(e));
      }
    } finally {
      choicesLoading.current = false;
    }
  };

  useDidShow(() => {
    void prefetchSubscribeTemplates();
    if (formOpen && !stations) void loadChoices();
  });

  const openForm = () => {
    setFormOpen(true);
    setErrors({});
    setFormError('');
    if (!stations || !orgs) void loadChoices();
  };

  const update = (patch: Partial<RequestForm>, field: string) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      if (!e[field]) return e;
      const next = { ...e };
      delete next[field];
      return next;
    });
  };

  const chooseTarget = (t: Target) => update({ target: t }, 'organisationId');

  const submit = async () => {
    if (submitting) return;
    // Straight from the tap (WeChat shows the sheet only then): the reply and the resolution.
    void askSubscribe('request');
    setFormError('');
    const waiting = photoProblem(photos);
    if (waiting) {
      setFormError(waiting);
      await Taro.showToast({ title: waiting.split('：')[0], icon: 'none' });
      return;
    }
    const input = {
      category: form.category,
      text: form.text,
      organisationId: form.target === 'org' ? form.organisationId : null,
      stationId: form.target === 'station' ? form.stationId : null,
      eventId: Number(params.eventId) > 0 ? Number(params.eventId) : null,
      photoId: uploadedIds(photos)[0] ?? null,
    };
    const parsed = RequestInputSchema.safeParse(input);
    if (!parsed.success) {
      const byField = issuesByField(toFieldIssues(parsed.error));
      if (byField.organisationId) byField.organisationId = form.target === 'station' ? '请选择一个驿站，或改为直接反映给工会' : '请选择要反映的工会';
      setErrors(byField);
      await Taro.showToast({ title: '请按红字提示修改后再提交', icon: 'none' });
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      const created = await requestsService.submit(parsed.data);
      setItems((list) => [created, ...(list ?? []).filter((r) => r.id !== created.id)]);
      setForm((f) => ({ ...f, category: null, text: '' }));
      setPhotos([]);
      setFormOpen(false);
      await Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.navigateTo({ url: `/pages/request/index?id=${created.id}` });
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED' && e.issues.length > 0) {
        const byField = e.fieldErrors;
        if (byField.stationId && !byField.organisationId) byField.organisationId = byField.stationId;
        setErrors(byField);
        const other = Object.keys(byField).filter((k) => !(FIELDS as readonly string[]).includes(k));
        setFormError(other.length ? other.map((k) => byField[k]).join('；') : e.message);
      } else {
        setFormError(errorMessage(e));
      }
    } finally {
      setSubmitting(false);
    }
  };

  // ---- the form ----
  if (formOpen) {
    const orgIndex = orgs
      ? Math.max(
          0,
          orgs.findIndex((o) => o.id === form.organisationId),
        )
      : 0;
    const chosenOrg = orgs?.find((o) => o.id === form.organisationId) ?? null;
    const over = form.text.length > LIMITS.requestTextMax;
    return (
      <View className='page requests'>
        <TextScale />
        <View className='card' id='request-form'>
          <Text className='section-title rq-block'>我要反映</Text>
          <Text className='muted rq-block'>工资、安全、驿站设施、培训等问题都可以告诉工会，工会会在 {LIMITS.requestDueWorkingDays} 个工作日内答复。</Text>

          <FormField label='问题类别' error={errors.category} errorId='request-category-error'>
            <Chips options={CATEGORY_CHOICES} value={form.category} idPrefix='request-category' onChange={(k) => update({ category: k }, 'category')} />
          </FormField>

          <FormField label='遇到了什么问题' error={errors.text} errorId='request-text-error'>
            <Textarea
              id='request-text'
              className='field-textarea rq-text'
              value={form.text}
              maxlength={LIMITS.requestTextMax}
              placeholder='说清楚时间、地点、经过，以及希望工会怎么帮您'
              onInput={(e) => update({ text: e.detail.value }, 'text')}
            />
            <Text id='request-text-count' className={`field-counter ${over ? 'field-counter-over' : ''}`}>
              {form.text.length}/{LIMITS.requestTextMax}
            </Text>
          </FormField>

          <FormField label='反映给' error={errors.organisationId} errorId='request-target-error'>
            <Chips options={TARGET_CHOICES} value={form.target} idPrefix='request-target' onChange={chooseTarget} />
            {form.target === 'station' ? (
              <View id='request-stations' className='rq-stations'>
                {stationsError ? (
                  <View className='notice notice-error' onClick={() => void loadChoices()}>
                    <Text>{stationsError}（点此重试）</Text>
                  </View>
                ) : !stations ? (
                  <Text className='muted rq-block'>正在查找附近的驿站…</Text>
                ) : (
                  <View>
                    {!located ? (
                      <View className='rq-locate' onClick={() => void loadChoices(true)}>
                        <Text>没有获取到位置，驿站未按远近排列。点此重新定位</Text>
                      </View>
                    ) : null}
                    {stations.length === 0 ? <Text className='muted rq-block'>附近没有驿站，可以改为直接反映给工会</Text> : null}
                    {stations.map((s) => (
                      <View
                        key={s.id}
                        id={`request-station-${s.id}`}
                        className={`row-between rq-station ${form.stationId === s.id ? 'rq-station-on' : ''}`}
                        hoverClass='list-row-active'
                        onClick={() => update({ stationId: s.id }, 'organisationId')}
                      >
                        <View className='rq-station-text'>
                          <Text className='rq-station-name'>{s.name}</Text>
                          <Text className='muted'>
                            {s.distanceMetres !== null ? `${formatDistance(s.distanceMetres)} · ` : ''}
                            {s.organisationName}
                          </Text>
                        </View>
                        <View className='rq-radio'>{form.stationId === s.id ? <Icon name='ok' label='已选' /> : null}</View>
                      </View>
                    ))}
                  </View>
                )}
              </View>
            ) : orgsError ? (
              <View className='notice notice-error' onClick={() => void loadChoices()}>
                <Text>{orgsError}（点此重试）</Text>
              </View>
            ) : (
              <SelectField
                id='request-org'
                range={(orgs ?? []).map((o) => o.name)}
                index={orgIndex}
                disabled={!orgs}
                text={chosenOrg ? chosenOrg.name : orgs ? '请选择工会' : '正在加载…'}
                empty={!chosenOrg}
                onPick={(i) => update({ organisationId: orgs?.[i]?.id ?? null }, 'organisationId')}
              />
            )}
          </FormField>

          <FormField label='照片（可不添加）' error={errors.photoId} errorId='request-photo-error'>
            <PhotoPicker
              purpose='request'
              max={1}
              items={photos}
              onChange={setPhotos}
              idPrefix='request-photo'
              hint='拍下现场，例如坏了的设施、危险路段，工会能更快了解情况。只有您和处理的工会能看到。'
            />
          </FormField>

          {formError ? (
            <Text className='field-error rq-block rq-form-error' id='request-form-error'>
              {formError}
            </Text>
          ) : null}

          <Button id='request-submit' className={`btn btn-primary rq-gap ${submitting ? 'btn-busy' : ''}`} disabled={submitting} onClick={() => void submit()}>
            {submitting ? '正在提交…' : '提交'}
          </Button>
          <Button id='request-form-cancel' className='btn btn-secondary' onClick={() => setFormOpen(false)}>
            返回我的诉求
          </Button>
        </View>
      </View>
    );
  }

  // ---- my requests ----
  if (items === null) {
    return (
      <View className='page requests'>
        <TextScale />
        <PageState id='requests' error={remote.error} onRetry={() => void remote.reload()} title='诉求记录没加载出来' />
      </View>
    );
  }

  return (
    <View className='page requests'>
      <TextScale />
      <RefreshNotice remote={remote} />
      <Button id='request-new' className='btn btn-primary rq-new' onClick={openForm}>
        我要反映
      </Button>
      {items.length === 0 ? (
        <View className='card' id='requests-empty'>
          <StateView icon='chat' title='还没有反映过问题' text={`工资、安全、驿站设施等问题，都可以告诉工会，${LIMITS.requestDueWorkingDays} 个工作日内答复`} />
        </View>
      ) : (
        <View id='requests-list'>
          {items.map((r) => {
            const s = requestStatusView(r);
            const answers = r.replies.filter((x) => x.fromOrganiser).length;
            return (
              <View
                key={r.id}
                id={`request-item-${r.id}`}
                className='card rq-item'
                hoverClass='card-active'
                onClick={() => void Taro.navigateTo({ url: `/pages/request/index?id=${r.id}` })}
              >
                <View className='row-between rq-item-top'>
                  <Text className='rq-item-kind'>{REQUEST_CATEGORY_LABELS[r.category]}</Text>
                  <View className='rq-badges'>
                    {r.overdue ? (
                      <Badge look='pill' tone='red' id={`request-item-${r.id}-overdue`}>
                        逾期
                      </Badge>
                    ) : null}
                    <Badge look='pill' tone={s.tone} id={`request-item-${r.id}-status`}>
                      {s.text}
                    </Badge>
                  </View>
                </View>
                <Text className='rq-item-text'>{r.text}</Text>
                <Text className='rq-item-line'>
                  反映给 {r.organisationName} · {chinaDateTimeText(r.createdAt)}
                </Text>
                {answers > 0 ? <Text className='rq-item-line rq-item-answer'>工会已回复 {answers} 条</Text> : null}
                {awaitsRating(r) ? <Text className='rq-item-cta'>已解决，请评价是否满意 ›</Text> : <Text className='rq-item-line'>{requestDueText(r)}</Text>}
              </View>
            );
          })}
        </View>
      )}
      <PrivacySheet />
    </View>
  );
}
