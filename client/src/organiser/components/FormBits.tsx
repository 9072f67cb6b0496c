import type { ReactNode } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import FormField from '@/ui/FormField';
import { isWeapp } from '@/lib/pages';
import { toast } from '@/ui/toast';

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

interface CoordProps {
  /** `event` or `station`: ids become `<prefix>-choose-location`, `<prefix>-lat`, `<prefix>-lng`. */
  idPrefix: string;
  latitude: string;
  longitude: string;
  latitudeError?: string;
  longitudeError?: string;
  onLatitude: (v: string) => void;
  onLongitude: (v: string) => void;
  onChoose: () => void;
}

/** The map button (mini-program only) and the latitude / longitude pair of an edit form. */
export function CoordFields(p: CoordProps) {
  const one = (which: 'lat' | 'lng', label: string, value: string, error: string | undefined, placeholder: string, onInput: (v: string) => void) => (
    <View className='org-pair-item'>
      <FormField label={label} error={error} errorId={`${p.idPrefix}-${which}-error`}>
        <Input
          id={`${p.idPrefix}-${which}`}
          className='field-input'
          type='digit'
          value={value}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
        />
      </FormField>
    </View>
  );
  return (
    <>
      {isWeapp ? (
        <Button id={`${p.idPrefix}-choose-location`} className='btn btn-secondary org-btn-small' onClick={p.onChoose}>
          选择位置
        </Button>
      ) : null}
      <View className='org-pair'>
        {one('lat', '纬度', p.latitude, p.latitudeError, '例如 30.0336', p.onLatitude)}
        {one('lng', '经度', p.longitude, p.longitudeError, '例如 120.8690', p.onLongitude)}
      </View>
    </>
  );
}

interface SaveProps {
  /** `event` or `station`: ids become `<prefix>-form-error` and `<prefix>-save`. */
  idPrefix: string;
  formError: string;
  saving: boolean;
  label: string;
  onSave: () => void;
  children?: ReactNode;
}

/** The form-wide error and the sticky save button under an edit form. */
export function SaveBar({ idPrefix, formError, saving, label, onSave, children }: SaveProps) {
  return (
    <>
      {formError ? (
        <Text className='org-form-error' id={`${idPrefix}-form-error`}>
          {formError}
        </Text>
      ) : null}
      <View className='org-sticky-save'>
        <Button id={`${idPrefix}-save`} className={`btn btn-primary ${saving ? 'btn-busy' : ''}`} loading={saving} disabled={saving} onClick={onSave}>
          {label}
        </Button>
        {children}
      </View>
    </>
  );
}
