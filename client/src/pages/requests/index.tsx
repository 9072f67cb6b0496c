import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { LIMITS, REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, RequestInputSchema, formatDistance, type WorkerRequest } from '@xlx/shared';
import Chips from '@/ui/Chips';
import FormField, { SelectField } from '@/ui/FormField';
import TextField, { FormError, SubmitButton, bindText } from '@/ui/TextField';
import PhotoPicker, { photoProblem, uploadedIds, type PhotoItem } from '@/ui/PhotoPicker';
import StateView from '@/ui/StateView';
import Badge from '@/ui/Badge';
import { requestsService } from '@/services/requests';
import { askSubscribe, prefetchSubscribeTemplates } from '@/services/subscribe';
import { getHereOnce, stationsService } from '@/services/stations';
import { chinaDateTimeText } from '@/lib/format';
import { awaitsRating, requestDueText, requestStatusView } from './format';
import PrivacySheet from '@/ui/PrivacySheet';
import { MANUAL, useData } from '@/lib/useData';
import { useForm } from '@/lib/useForm';
import { RefreshNotice } from '@/ui/PageState';
import './index.css';
import Icon from '@/ui/Icon';
import Page, { PageLink } from '@/ui/Page';
import LoadPage from '@/ui/LoadPage';

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
  const form = useForm<RequestForm>(
    {
      category: null,
      text: '',
      target: params.organisationId ? 'org' : 'station',
      stationId: Number(params.stationId) > 0 ? Number(params.stationId) : null,
      organisationId: Number(params.organisationId) > 0 ? Number(params.organisationId) : null,
    },
    {
      fields: FIELDS,
      fixText: '请按红字提示修改后再提交',
      // The server names the station; the form shows one message for 反映给.
      friendly: (byField) => (byField.stationId && !byField.organisationId ? { ...byField, organisationId: byField.stationId } : byField),
    },
  );
  const { values: f, setValues: setForm, update, errors, setErrors, formError, setFormError, submitting, check, run } = form;
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [located, setLocated] = useState(true);
  /** Ask for the location again (after it failed) on the next stations load. */
  const retryLocation = useRef(false);
  const orgs = useData(async () => (await requestsService.organisations()).items, MANUAL);
  /** The stations nearby, for "反映给". */
  const stations = useData(async () => {
    const here = await getHereOnce(retryLocation.current);
    setLocated(!!here);
    return (await stationsService.list({ here, limit: STATION_LIMIT })).items;
  }, MANUAL);

  /** The stations nearby and the unions, for "反映给"; asked once when the form opens. */
  const loadChoices = (retry = false) => {
    retryLocation.current = retry;
    if (!orgs.data) void orgs.reload(true);
    void stations.reload(true);
  };

  useDidShow(() => {
    void prefetchSubscribeTemplates();
    if (formOpen && !stations.data) loadChoices();
  });

  const openForm = () => {
    setFormOpen(true);
    setErrors({});
    setFormError('');
    if (!stations.data || !orgs.data) loadChoices();
  };

  const chooseTarget = (t: Target) => update('target', t, 'organisationId');

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
    const input = check(RequestInputSchema, {
      category: f.category,
      text: f.text,
      organisationId: f.target === 'org' ? f.organisationId : null,
      stationId: f.target === 'station' ? f.stationId : null,
      eventId: Number(params.eventId) > 0 ? Number(params.eventId) : null,
      photoId: uploadedIds(photos)[0] ?? null,
    });
    if (!input) {
      const target = f.target === 'station' ? '请选择一个驿站，或改为直接反映给工会' : '请选择要反映的工会';
      setErrors((e) => (e.organisationId ? { ...e, organisationId: target } : e));
      return;
    }
    await run(async () => {
      const created = await requestsService.submit(input);
      setItems((list) => [created, ...(list ?? []).filter((r) => r.id !== created.id)]);
      setForm((v) => ({ ...v, category: null, text: '' }));
      setPhotos([]);
      setFormOpen(false);
      await Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.navigateTo({ url: `/pages/request/index?id=${created.id}` });
    }, '提交失败，请稍后重试');
  };

  // ---- the form ----
  if (formOpen) {
    const orgList = orgs.data;
    const orgIndex = orgList
      ? Math.max(
          0,
          orgList.findIndex((o) => o.id === f.organisationId),
        )
      : 0;
    const chosenOrg = orgList?.find((o) => o.id === f.organisationId) ?? null;
    const over = f.text.length > LIMITS.requestTextMax;
    return (
      <Page name='requests'>
        <View className='card' id='request-form'>
          <Text className='section-title rq-block'>我要反映</Text>
          <Text className='muted rq-block'>工资、安全、驿站设施、培训等问题都可以告诉工会，工会会在 {LIMITS.requestDueWorkingDays} 个工作日内答复。</Text>

          <FormField label='问题类别' error={errors.category} errorId='request-category-error'>
            <Chips options={CATEGORY_CHOICES} value={f.category} idPrefix='request-category' onChange={(k) => update('category', k)} />
          </FormField>

          <TextField
            id='request-text'
            label='遇到了什么问题'
            {...bindText(form, 'text')}
            multiline
            className='rq-text'
            maxlength={LIMITS.requestTextMax}
            placeholder='说清楚时间、地点、经过，以及希望工会怎么帮您'
          >
            <Text id='request-text-count' className={`field-counter ${over ? 'field-counter-over' : ''}`}>
              {f.text.length}/{LIMITS.requestTextMax}
            </Text>
          </TextField>

          <FormField label='反映给' error={errors.organisationId} errorId='request-target-error'>
            <Chips options={TARGET_CHOICES} value={f.target} idPrefix='request-target' onChange={chooseTarget} />
            {f.target === 'station' ? (
              <View id='request-stations' className='rq-stations'>
                {stations.error ? (
                  <RefreshNotice remote={{ error: stations.error, reload: async () => loadChoices() }} />
                ) : !stations.data ? (
                  <Text className='muted rq-block'>正在查找附近的驿站…</Text>
                ) : (
                  <View>
                    {!located ? (
                      <View className='rq-locate' onClick={() => void loadChoices(true)}>
                        <Text>没有获取到位置，驿站未按远近排列。点此重新定位</Text>
                      </View>
                    ) : null}
                    {stations.data.length === 0 ? <Text className='muted rq-block'>附近没有驿站，可以改为直接反映给工会</Text> : null}
                    {stations.data.map((s) => (
                      <View
                        key={s.id}
                        id={`request-station-${s.id}`}
                        className={`row-between rq-station ${f.stationId === s.id ? 'rq-station-on' : ''}`}
                        hoverClass='list-row-active'
                        onClick={() => update('stationId', s.id, 'organisationId')}
                      >
                        <View className='stack'>
                          <Text className='rq-station-name'>{s.name}</Text>
                          <Text className='muted'>
                            {s.distanceMetres !== null ? `${formatDistance(s.distanceMetres)} · ` : ''}
                            {s.organisationName}
                          </Text>
                        </View>
                        <View className='rq-radio'>{f.stationId === s.id ? <Icon name='ok' label='已选' /> : null}</View>
                      </View>
                    ))}
                  </View>
                )}
              </View>
            ) : orgs.error ? (
              <RefreshNotice remote={{ error: orgs.error, reload: async () => loadChoices() }} />
            ) : (
              <SelectField
                id='request-org'
                range={(orgList ?? []).map((o) => o.name)}
                index={orgIndex}
                disabled={!orgList}
                text={chosenOrg ? chosenOrg.name : orgList ? '请选择工会' : '正在加载…'}
                empty={!chosenOrg}
                onPick={(i) => update('organisationId', orgList?.[i]?.id ?? null)}
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

          <FormError id='request-form-error' text={formError} />
          <SubmitButton id='request-submit' busy={submitting} busyText='正在提交…' onClick={() => void submit()}>
            提交
          </SubmitButton>
          <Button id='request-form-cancel' className='btn btn-secondary' onClick={() => setFormOpen(false)}>
            返回我的诉求
          </Button>
        </View>
      </Page>
    );
  }

  // ---- my requests ----
  if (items === null) return <LoadPage id='requests' remote={remote} title='诉求记录没加载出来' />;

  return (
    <Page name='requests'>
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
              <PageLink key={r.id} id={`request-item-${r.id}`} className='card rq-item' url={`/pages/request/index?id=${r.id}`}>
                <View className='row-between card-top'>
                  <Text className='card-kind'>{REQUEST_CATEGORY_LABELS[r.category]}</Text>
                  <View className='row badges'>
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
                <Text className='muted rq-block'>
                  反映给 {r.organisationName} · {chinaDateTimeText(r.createdAt)}
                </Text>
                {answers > 0 ? <Text className='muted rq-block text-success'>工会已回复 {answers} 条</Text> : null}
                {awaitsRating(r) ? <Text className='card-cta'>已解决，请评价是否满意 ›</Text> : <Text className='muted rq-block'>{requestDueText(r)}</Text>}
              </PageLink>
            );
          })}
        </View>
      )}
      <PrivacySheet />
    </Page>
  );
}
