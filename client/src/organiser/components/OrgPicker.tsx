import { useEffect, useMemo, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { Organisation } from '@xlx/shared';
import { organiserService } from '@/services/organiser';
import { useSession } from '@/services/session';
import { managedOrganisations, type OrgOption } from '@/organiser/utils';

/**
 * The organisations I manage (each grant and its descendants, tree order), for pickers and
 * filters; null until both my grants and the organisation tree are known. Call loadMe()
 * (or useData of a signed-in call) on the page so that the session holds me.
 */
export function useManagedOrgs(): OrgOption[] | null {
  const { me } = useSession();
  const [all, setAll] = useState<Organisation[] | null>(null);
  useEffect(() => {
    let live = true;
    organiserService
      .organisations()
      .then((r) => live && setAll(r.items))
      .catch(() => live && setAll([]));
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => (me && all ? managedOrganisations(me.grants, all) : null), [me, all]);
}

interface Props {
  id: string;
  options: OrgOption[];
  value: number | null;
  onChange: (id: number | null) => void;
  /** Offer "all of mine" as the first choice (value null) with this label. */
  allLabel?: string;
  placeholder?: string;
}

/** A picker of my organisations, indented as a tree; optionally "全部" first. */
export function OrgPicker({ id, options, value, onChange, allLabel, placeholder = '选择组织' }: Props) {
  const rows = allLabel ? [{ id: 0, name: allLabel, label: allLabel }, ...options] : options;
  const index = rows.findIndex((o) => (allLabel && value === null ? o.id === 0 : o.id === value));
  const current = index >= 0 ? rows[index] : null;
  return (
    <Picker mode='selector' range={rows.map((o) => o.label)} value={Math.max(0, index)} onChange={(e) => onChange(rows[Number(e.detail.value)]?.id || null)}>
      <View id={id} className='field-picker org-org-picker'>
        <Text className={current ? 'org-org-picker-text' : 'field-placeholder'}>{current ? current.name : placeholder}</Text>
        <Text className='field-placeholder'>›</Text>
      </View>
    </Picker>
  );
}
