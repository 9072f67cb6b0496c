import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import {
  AMENITIES,
  AMENITY_ICONS,
  AMENITY_LABELS,
  LIMITS,
  StationInputSchema,
  type Amenity,
  type Station,
  type StationInput,
  type StationPatch,
} from '@xlx/shared';
import FormField from '@/ui/FormField';
import PhotoPicker, { photoProblem, savedPhotos, uploadedIds, type PhotoItem } from '@/ui/PhotoPicker';
import { organiserService } from '@/services/organiser';
import { OrgPageGate } from '@/ui/PageState';
import Chips from '@/ui/Chips';
import { SwitchRow } from '@/ui/Controls';
import { useForm } from '@/lib/useForm';
import { isWeapp, pageUrl } from '@/lib/pages';
import { ORG_PAGES } from '@/lib/org-pages';
import { toast } from '@/ui/toast';
import { Section } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';
import {
  CoordFields,
  EditForm,
  OrgField,
  PairPicker,
  TextField,
  bindField,
  bindSwitch,
  choosePlace,
  fieldError,
  leaveAfterSave,
  useEditTarget,
} from '@/organiser/components/FormBits';

interface Form {
  organisationId: number | null;
  name: string;
  address: string;
  latitude: string;
  longitude: string;
  open24h: boolean;
  opensAt: string;
  closesAt: string;
  amenities: Amenity[];
  description: string;
  areaSqm: string;
  printed: boolean;
  rotating: boolean;
  /** null: any distance (不限). */
  radiusMetres: number | null;
  customRadius: boolean;
  active: boolean;
}

const RADIUS_PRESETS = [100, 200, 500, 1000];

const EMPTY: Form = {
  organisationId: null,
  name: '',
  address: '',
  latitude: '',
  longitude: '',
  open24h: false,
  opensAt: '08:00',
  closesAt: '20:00',
  amenities: ['water', 'charging', 'toilet', 'rest_seats'],
  description: '',
  areaSqm: '',
  printed: true,
  rotating: true,
  radiusMetres: null,
  customRadius: false,
  active: true,
};

function formFromStation(s: Station): Form {
  return {
    organisationId: s.organisationId,
    name: s.name,
    address: s.address,
    latitude: String(s.latitude),
    longitude: String(s.longitude),
    open24h: s.open24h,
    opensAt: s.opensAt ?? '08:00',
    closesAt: s.closesAt ?? '20:00',
    amenities: [...s.amenities],
    description: s.description,
    areaSqm: s.areaSqm === null ? '' : String(s.areaSqm),
    printed: s.signInPolicy.printed,
    rotating: s.signInPolicy.rotating,
    radiusMetres: s.signInPolicy.radiusMetres,
    customRadius: s.signInPolicy.radiusMetres !== null && !RADIUS_PRESETS.includes(s.signInPolicy.radiusMetres),
    active: s.active,
  };
}

/** '' stays NaN so that the schema says 须为数字 instead of taking 0. */
const num = (s: string): number => (s.trim() === '' ? NaN : Number(s.trim()));

function toInput(f: Form, photos: string[]): Record<string, unknown> {
  return {
    photos,
    organisationId: f.organisationId ?? 0,
    name: f.name,
    address: f.address,
    latitude: num(f.latitude),
    longitude: num(f.longitude),
    open24h: f.open24h,
    opensAt: f.open24h ? null : f.opensAt,
    closesAt: f.open24h ? null : f.closesAt,
    amenities: f.amenities,
    description: f.description,
    areaSqm: f.areaSqm.trim() === '' ? null : num(f.areaSqm),
    active: f.active,
    signInPolicy: { printed: f.printed, rotating: f.rotating, radiusMetres: f.radiusMetres },
  };
}

/** Clearer words than the schema's generic bounds message. */
function withFriendlyMessages(errors: Record<string, string>): Record<string, string> {
  const out = { ...errors };
  if (out['signInPolicy.radiusMetres']) out['signInPolicy.radiusMetres'] = '签到距离须为 20 到 5000 之间的整数（米）';
  if (out.areaSqm) out.areaSqm = '面积须为 1 到 100000 之间的整数（平方米），不清楚可不填';
  return out;
}

/** The words of the form's longer text fields. */
const TEXTS = {
  address: {
    label: '地址',
    hint: isWeapp ? '可点「选择位置」在地图上选点，自动填写地址和坐标' : undefined,
    maxlength: 120,
    placeholder: '街道、门牌号，方便工友找到',
  },
  description: { label: '简介（可不填）', area: 'org-textarea', maxlength: 500, placeholder: '例如：门口可停电动车，提供热水和微波炉' },
};

/** Every field of the input is on the form, its message under it. */
const KNOWN = Object.keys(StationInputSchema.shape);

/** Create (no id) or edit a station. */
export default function StationEditPage() {
  const f = useForm<Form>(EMPTY, { fields: KNOWN, friendly: withFriendlyMessages });
  const { values: form, setValues: setForm, update, errors, clear, formError, setFormError, submitting: saving, check, run } = f;
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const {
    id,
    target: station,
    orgField,
  } = useEditTarget('station', f, (s) => {
    setForm(formFromStation(s));
    setPhotos(savedPhotos(s.photoIds, s.photos));
  });

  const chooseLocation = () =>
    choosePlace(
      f,
      'address',
      (res, cur) => ({
        address: res.address ? `${res.address}${res.name && !res.address.includes(res.name) ? ` ${res.name}` : ''}`.slice(0, 120) : cur.address,
        name: cur.name || (res.name ?? '').slice(0, LIMITS.stationNameMax),
      }),
      true,
    );

  const save = async () => {
    if (saving) return;
    setFormError('');
    const waiting = photoProblem(photos);
    if (waiting) {
      setFormError(waiting);
      toast(waiting.split('：')[0]);
      return;
    }
    const input = check(StationInputSchema, toInput(form, uploadedIds(photos)));
    if (!input) return;
    await run(async () => {
      if (id) {
        const { organisationId: _org, ...rest } = input as StationInput;
        const saved = await organiserService.updateStation(id, rest as StationPatch);
        station.setData(saved);
        leaveAfterSave('已保存');
      } else {
        const created = await organiserService.createStation(input);
        leaveAfterSave('驿站已创建', pageUrl(ORG_PAGES.station, { id: created.id }));
      }
    });
  };

  if (id && !station.data) return <OrgPageGate id={id} remote={station} what='驿站' backUrl={ORG_PAGES.stations} />;

  const radiusChoice: string = form.customRadius ? 'custom' : form.radiusMetres === null ? 'any' : String(form.radiusMetres);

  return (
    <EditForm idPrefix='station' formError={formError} saving={saving} label={id ? '保存修改' : '创建驿站'} onSave={() => void save()}>
      <Section title='基本信息'>
        <OrgField label='所属工会' id='station-org' {...orgField} />
        <TextField label='驿站名称' id='station-name' maxlength={LIMITS.stationNameMax} placeholder='例如 百官街道小哥驿站' {...bindField(f, 'name')} />
        <TextField id='station-address' {...TEXTS.address} {...bindField(f, 'address')} />
        <CoordFields idPrefix='station' lat={bindField(f, 'latitude')} lng={bindField(f, 'longitude')} onChoose={() => void chooseLocation()} />
        {!isWeapp ? <Text className='field-hint'>可在地图网站（如高德、腾讯地图）上查到坐标后粘贴；坐标用于“附近驿站”和签到位置核验。</Text> : null}
        <TextField label='面积（平方米，可不填）' id='station-area' type='number' placeholder='例如 40' {...bindField(f, 'areaSqm')} />
        <TextField id='station-description' {...TEXTS.description} {...bindField(f, 'description')} />
      </Section>

      <View className='org-col'>
        <Section title='开放时间'>
          <SwitchRow id='station-24h' label='24小时开放' hint='夜班骑手和司机随时可以来' {...bindSwitch(f, 'open24h', 'opensAt')} />
          {!form.open24h ? (
            <FormField
              label='每天开放'
              error={errors.opensAt ?? errors.closesAt}
              errorId='station-hours-error'
              hint='关门时间早于开门时间表示跨夜，例如 18:00–06:00'
            >
              <View className='org-pair'>
                <PairPicker mode='time' id='station-opens' value={form.opensAt} text={`开 ${form.opensAt}`} onChange={(v) => update('opensAt', v)} />
                <PairPicker
                  mode='time'
                  id='station-closes'
                  value={form.closesAt}
                  text={`关 ${form.closesAt}`}
                  onChange={(v) => update('closesAt', v, 'opensAt')}
                />
              </View>
            </FormField>
          ) : null}
        </Section>

        <Section title='服务项目' intro='点选驿站提供的服务，工友可以按服务筛选驿站。'>
          <View className='org-spacer' />
          <Chips
            look='org'
            multiple
            idPrefix='amenity'
            options={AMENITIES.map((a) => ({ value: a, label: `${AMENITY_ICONS[a]} ${AMENITY_LABELS[a]}` }))}
            values={form.amenities}
            onChange={(v) => update('amenities', v)}
          />
          {fieldError(errors, 'amenities') ? <Text className='field-error'>{fieldError(errors, 'amenities')}</Text> : null}
        </Section>

        <Section title='签到方式'>
          <SwitchRow id='station-printed' label='纸质签到码' hint='贴在墙上的固定二维码' {...bindSwitch(f, 'printed', 'signInPolicy')} />
          <SwitchRow id='station-rotating' label='屏幕动态码' hint='签到屏上每30秒更换，无法拍照转发' {...bindSwitch(f, 'rotating', 'signInPolicy')} />
          <FormField
            label='签到距离限制'
            error={fieldError(errors, 'signInPolicy')}
            errorId='station-policy-error'
            hint='限制后，工友须在驿站附近才能签到（防止拍照转发纸质码）'
          >
            <Chips
              look='org'
              idPrefix='station-radius'
              options={[
                { value: 'any', label: '不限' },
                ...RADIUS_PRESETS.map((r) => ({ value: String(r), label: `${r}米内` })),
                { value: 'custom', label: '自定义' },
              ]}
              value={radiusChoice}
              onChange={(v) => {
                if (v === 'any') setForm((f) => ({ ...f, radiusMetres: null, customRadius: false }));
                else if (v === 'custom') setForm((f) => ({ ...f, customRadius: true, radiusMetres: f.radiusMetres ?? 300 }));
                else setForm((f) => ({ ...f, radiusMetres: Number(v), customRadius: false }));
                clear('signInPolicy');
              }}
            />
            {form.customRadius ? (
              <Input
                id='station-radius'
                className='field-input'
                type='number'
                value={form.radiusMetres === null || Number.isNaN(form.radiusMetres) ? '' : String(form.radiusMetres)}
                placeholder='20 到 5000 米'
                onInput={(e) => update('radiusMetres', num(e.detail.value), 'signInPolicy')}
              />
            ) : null}
          </FormField>
        </Section>

        <Section title='驿站照片' intro='门头、室内、服务设施的照片，帮工友认出驿站、了解能做什么。'>
          <View className='org-spacer' />
          <PhotoPicker
            purpose='station'
            max={LIMITS.stationPhotosMax}
            items={photos}
            onChange={setPhotos}
            idPrefix='station-photo'
            hint={`最多 ${LIMITS.stationPhotosMax} 张，点照片可看大图`}
          />
          {station.data && station.data.photoStates.some((st) => st === 'checking') ? (
            <Text className='field-hint' id='station-photos-checking'>
              有 {station.data.photoStates.filter((st) => st === 'checking').length} 张照片审核中：通过微信内容安全检查后，工友才能看到
            </Text>
          ) : null}
          {station.data && station.data.riskyPhotos > 0 ? (
            <Text className='field-error' id='station-photos-risky'>
              有 {station.data.riskyPhotos} 张照片未通过微信内容安全检查，已对工友隐藏，保存后将删除；请换一张照片
            </Text>
          ) : null}
          {fieldError(errors, 'photos') ? (
            <Text className='field-error' id='station-photos-error'>
              {fieldError(errors, 'photos')}
            </Text>
          ) : null}
        </Section>

        <View className='card'>
          <SwitchRow id='station-active' label='开放服务' hint='关闭后工友无法签到，列表显示“暂停服务”' {...bindSwitch(f, 'active')} />
        </View>
      </View>
    </EditForm>
  );
}
