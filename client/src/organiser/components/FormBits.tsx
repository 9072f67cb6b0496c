import { useEffect, useRef, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import FormField, { PickerBox, SelectField } from '@/ui/FormField';
import { DateTimePicker } from '@/ui/Controls';
import type { OrgOption } from '@/organiser/utils';
import { useManagedOrgs } from '@/organiser/components/OrgPicker';
import { organiserService } from '@/services/organiser';
import { loadMe } from '@/services/session';
import { MANUAL, useData } from '@/lib/useData';
import { isWeapp } from '@/lib/pages';
import { idParam } from '@/lib/org-pages';
import PrivacySheet from '@/ui/PrivacySheet';
import { toast } from '@/ui/toast';
import { BusyButton } from '@/organiser/components/Kit';

export type PickedLocation = Taro.chooseLocation.SuccessCallbackResult;

/**
 * Opens WeChat's map to pick a place (near the given coordinates when both are numbers).
 * Null when the organiser cancels or the map cannot open (then a toast says what to do).
 */
export async function pickLocation(lat?: number, lng?: number): Promise<PickedLocation | null> {
  try {
    const near = lat !== undefined && lng !== undefined && Number.isFinite(lat) && Number.isFinite(lng);
    return await Taro.chooseLocation(near ? { latitude: lat, longitude: lng } : {});
  } catch (e) {
    const msg = (e as { errMsg?: string }).errMsg ?? '';
    if (!msg.includes('cancel')) toast('无法打开地图，请在设置中允许使用位置信息，或直接填写经纬度');
    return null;
  }
}

/** A form with a place on the map: its coordinates as typed. */
interface PlaceForm {
  latitude: string;
  longitude: string;
}

/**
 * Opens the map (near the coordinates in the form when they are numbers) and writes the picked place
 * into the form: its coordinates and what `fill` makes of it (the address…); the messages of the
 * coordinates and of `addressKey` go.
 */
export async function choosePlace<F extends PlaceForm>(
  form: { values: F; setValues: Dispatch<SetStateAction<F>>; clear: (...keys: string[]) => void },
  addressKey: string,
  fill: (place: PickedLocation, f: F) => Partial<F>,
  near = false,
): Promise<void> {
  const num = (v: string) => (v.trim() === '' ? NaN : Number(v.trim()));
  const res = await (near ? pickLocation(num(form.values.latitude), num(form.values.longitude)) : pickLocation());
  if (!res) return;
  form.setValues((f) => ({ ...f, ...fill(res, f), latitude: res.latitude.toFixed(6), longitude: res.longitude.toFixed(6) }));
  form.clear(addressKey, 'latitude', 'longitude');
}

type Bound = ReturnType<typeof bindField<PlaceForm, 'latitude'>>;

interface CoordProps {
  /** `event` or `station`: ids become `<prefix>-choose-location`, `<prefix>-lat`, `<prefix>-lng`. */
  idPrefix: string;
  /** The latitude and longitude, bound to the form (bindField). */
  lat: Bound;
  lng: Bound;
  onChoose: () => void;
}

/** The map button (mini-program only) and the latitude / longitude pair of an edit form. */
export function CoordFields({ idPrefix, lat, lng, onChoose }: CoordProps) {
  const one = (which: 'lat' | 'lng', label: string, placeholder: string, field: Bound) => (
    <View className='org-pair-item'>
      <TextField label={label} id={`${idPrefix}-${which}`} type='digit' placeholder={placeholder} {...field} />
    </View>
  );
  return (
    <>
      {isWeapp ? (
        <Button id={`${idPrefix}-choose-location`} className='btn btn-secondary org-btn-small' onClick={onChoose}>
          选择位置
        </Button>
      ) : null}
      <View className='org-pair'>
        {one('lat', '纬度', '例如 30.0336', lat)}
        {one('lng', '经度', '例如 120.8690', lng)}
      </View>
    </>
  );
}

interface SaveProps {
  /** `event` or `station`: ids become `<prefix>-form`, `<prefix>-form-error` and `<prefix>-save`. */
  idPrefix: string;
  /** Over the form (a notice). */
  notice?: ReactNode;
  formError: string;
  saving: boolean;
  label: string;
  onSave: () => void;
  /** Under the save button (a hint). */
  footer?: ReactNode;
  /** The form's columns and cards. */
  children: ReactNode;
}

/** An edit page: the form's grid, then the form-wide error and the sticky save button. */
export function EditForm({ idPrefix, notice, formError, saving, label, onSave, footer, children }: SaveProps) {
  return (
    <View className='page org-page' id={`${idPrefix}-form`}>
      {notice}
      <View className='org-grid'>{children}</View>
      {formError ? (
        <Text className='note-box note-danger org-form-error' id={`${idPrefix}-form-error`}>
          {formError}
        </Text>
      ) : null}
      <View className='org-sticky-save'>
        <BusyButton id={`${idPrefix}-save`} tone='primary' busy={saving} onClick={onSave}>
          {label}
        </BusyButton>
        {footer}
      </View>
      <PrivacySheet />
    </View>
  );
}

/** After a save: says `text`, then opens `url` instead of this page (a created object's), or goes back. */
export function leaveAfterSave(text: string, url?: string): void {
  toast(text, 'success');
  setTimeout(() => void (url ? Taro.redirectTo({ url }) : Taro.navigateBack()), 600);
}

/** A date and a time as the pickers hold them. */
export interface DT {
  date: string;
  time: string;
}

interface TextFieldProps {
  label: string;
  /** The control's id; its red message is `<id>-error`. */
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'number' | 'digit';
  maxlength?: number;
  placeholder?: string;
  /** A multi-line box with this class (org-textarea, field-textarea …) instead of a one-line input. */
  area?: string;
}

/** A labelled one-line input or multi-line box of an organiser form, with its red message or hint. */
export function TextField({ label, id, value, onChange, error, hint, type, maxlength, placeholder, area }: TextFieldProps) {
  const common = { id, value, maxlength, placeholder };
  return (
    <FormField label={label} error={error} errorId={`${id}-error`} hint={hint}>
      {area ? (
        <Textarea {...common} className={area} onInput={(e) => onChange(e.detail.value)} />
      ) : (
        <Input {...common} className='field-input' type={type} onInput={(e) => onChange(e.detail.value)} />
      )}
    </FormField>
  );
}

/** A labelled date + time pair (`<id>-date`, `<id>-time`; red message `<id>-error`). */
export function DateField({
  label,
  id,
  value,
  onChange,
  error,
  hint,
}: {
  label: string;
  id: string;
  value: DT;
  onChange: (v: DT) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <FormField label={label} error={error} errorId={`${id}-error`} hint={hint}>
      <DateTimePicker id={id} date={value.date} time={value.time} onChange={(date, time) => onChange({ date, time })} />
    </FormField>
  );
}

interface OrgFieldProps {
  label: string;
  id: string;
  /** Editing: the organisation is fixed and only named. */
  fixedName?: string | null;
  options: OrgOption[];
  value: number | null;
  error?: string;
  onChange: (id: number | null) => void;
}

/** The organisation of a new station or event (my organisations, indented), or its name once created. */
export function OrgField({ label, id, error, fixedName, options, value, onChange }: OrgFieldProps) {
  const index = Math.max(
    0,
    options.findIndex((o) => o.id === value),
  );
  return (
    <FormField label={label} error={error} errorId={`${id}-error`}>
      {fixedName !== undefined ? (
        <Text className='org-readonly'>{fixedName}</Text>
      ) : options.length ? (
        <SelectField
          id={id}
          range={options.map((o) => o.label)}
          index={index}
          text={options[index]?.name ?? ''}
          onPick={(i) => onChange(options[i]?.id ?? null)}
        />
      ) : (
        <Text className='org-readonly muted'>正在加载…</Text>
      )}
    </FormField>
  );
}

/** What each edit page edits: its titles (editing, creating) and how to load one. */
const EDIT_TARGETS = {
  event: { titles: ['编辑活动', '新建活动'], load: (id: number) => organiserService.event(id) },
  station: { titles: ['编辑驿站', '新建驿站'], load: (id: number) => organiserService.station(id) },
} as const;
type EditKind = keyof typeof EDIT_TARGETS;
type EditTarget<K extends EditKind> = Awaited<ReturnType<(typeof EDIT_TARGETS)[K]['load']>>;

/**
 * What an edit page (id) or create page (no id) of `kind` starts from: its id, the object being
 * edited, loaded once (`fill` fills the form from it), and the organisation field (my
 * organisations, the first chosen for a new object once known; the organisation's name once created).
 */
export function useEditTarget<K extends EditKind, F extends { organisationId: number | null }>(
  kind: K,
  form: Bindable<F> & { setValues: Dispatch<SetStateAction<F>> },
  fill: (data: EditTarget<K>) => void,
) {
  type T = EditTarget<K>;
  const { titles, load } = EDIT_TARGETS[kind];
  const id = idParam(useRouter().params.id);
  const target = useData<T | null>(() => (id ? (load(id) as Promise<T>) : Promise.resolve(null)), MANUAL);
  const orgOptions = useManagedOrgs() ?? [];
  const fillRef = useRef(fill);
  fillRef.current = fill;
  useLoad(() => {
    void Taro.setNavigationBarTitle({ title: id ? titles[0] : titles[1] });
    void target.reload();
    void loadMe().catch(() => undefined);
  });
  useEffect(() => {
    if (target.data) fillRef.current(target.data);
  }, [target.data]);
  const { values, setValues } = form;
  const firstOrg = orgOptions[0]?.id;
  useEffect(() => {
    if (!id && values.organisationId === null && firstOrg !== undefined) setValues((f) => ({ ...f, organisationId: firstOrg }));
  }, [id, firstOrg, values.organisationId, setValues]);
  const orgField = {
    fixedName: id ? target.data?.organisationName : undefined,
    options: orgOptions,
    value: values.organisationId,
    error: form.errors.organisationId,
    onChange: (v: number | null) => form.update('organisationId', v as F['organisationId']),
  };
  return { id, target, orgField };
}

type SwitchKey<V> = { [K in keyof V]: V[K] extends boolean ? K : never }[keyof V];
interface Bindable<V> {
  values: V;
  errors: Record<string, string>;
  update: <K extends keyof V>(key: K, value: V[K], ...errorKeys: string[]) => void;
}

/**
 * `value`, `error` and `onChange` of a TextField or DateField bound to a value of a useForm form: the
 * message shown is that of the first error key (or of the value's own name), and a change clears them.
 */
export function bindField<V extends object, K extends keyof V>(f: Bindable<V>, key: K, ...errorKeys: string[]) {
  return { value: f.values[key], error: f.errors[errorKeys[0] ?? String(key)], onChange: (v: V[K]) => f.update(key, v, ...errorKeys) };
}

/** `checked` and `onChange` of a SwitchRow bound to a yes/no value of a useForm form (changing it clears `clears`, or its own message). */
export function bindSwitch<V extends object>(f: Bindable<V>, key: SwitchKey<V>, ...clears: string[]) {
  return { checked: Boolean(f.values[key]), onChange: (v: boolean) => f.update(key, v as V[SwitchKey<V>], ...clears) };
}

/** The message shown under a field: its own path, or the first nested one (amenities.3, questions.0.label). */
export function fieldError(errors: Record<string, string>, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${key}.`));
  return nested ? errors[nested] : undefined;
}

interface PairPickerProps {
  /** A label over the picker (else the pair has one label of its own). */
  label?: string;
  mode: 'date' | 'time';
  /** The tappable field's id. */
  id: string;
  value: string;
  /** What the field shows (default: the value). */
  text?: string;
  start?: string;
  end?: string;
  onChange: (value: string) => void;
}

/** One half of a pair of pickers (`org-pair-item`): a date or time picker drawn as a form field. */
export function PairPicker({ label, mode, id, value, text = value, start, end, onChange }: PairPickerProps) {
  return (
    <View className='org-pair-item'>
      {label ? <Text className='field-label'>{label}</Text> : null}
      <Picker mode={mode} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <PickerBox id={id} text={text} />
      </Picker>
    </View>
  );
}
