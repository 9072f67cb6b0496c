import { useMemo, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import SearchField from '@/ui/SearchField';
import { ORG_LEVEL_LABELS, type Organisation } from '@xlx/shared';

/** How many search matches are listed at once: enough to pick from on a phone. */
const MATCHES = 30;

/** The path of names from the top of the tree down to `id`. */
export function unionPath(orgs: readonly Organisation[], id: number | null): Organisation[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const path: Organisation[] = [];
  for (let o = id === null ? undefined : byId.get(id); o && path.length < 10; o = o.parentId === null ? undefined : byId.get(o.parentId)) path.unshift(o);
  return path;
}

/**
 * Picking the union to join from the tree (省 > 市 > 区县 > 街道/行业): walk down level by level,
 * or search by name, each match shown with its path so that two 街道工会 of the same name differ.
 */
export default function UnionTree({ orgs, value, onChange }: { orgs: Organisation[]; value: number | null; onChange: (id: number) => void }) {
  const [open, setOpen] = useState(value === null);
  const [at, setAt] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  /** When a union was picked: the same tap must not land on the closed field and reopen it (a ghost click on phones). */
  const pickedAt = useRef(0);
  const children = useMemo(() => {
    const m = new Map<number | null, Organisation[]>();
    const ids = new Set(orgs.map((o) => o.id));
    for (const o of orgs) {
      // A union whose parent is not listed is shown at the top.
      const parent = o.parentId !== null && ids.has(o.parentId) ? o.parentId : null;
      m.set(parent, [...(m.get(parent) ?? []), o]);
    }
    return m;
  }, [orgs]);
  const chosen = unionPath(orgs, value);
  const q = query.trim();
  const matches = q ? orgs.filter((o) => o.name.includes(q)) : [];
  const rows = q ? matches.slice(0, MATCHES) : (children.get(at) ?? []);
  const crumbs = unionPath(orgs, at);

  const pick = (o: Organisation) => {
    pickedAt.current = Date.now();
    onChange(o.id);
    setOpen(false);
    setQuery('');
  };

  if (!open) {
    return (
      <View id='member-org' className='field-picker ut-chosen' onClick={() => Date.now() - pickedAt.current > 600 && setOpen(true)}>
        <View className='ut-chosen-text'>
          <Text className='ut-name'>{chosen.length ? chosen[chosen.length - 1].name : '请选择工会'}</Text>
          {chosen.length > 1 ? (
            <Text className='ut-path'>
              {chosen
                .slice(0, -1)
                .map((o) => o.name)
                .join(' › ')}
            </Text>
          ) : null}
        </View>
        <Text className='ut-change'>更换</Text>
      </View>
    );
  }

  return (
    <View id='member-org-tree' className='ut'>
      <SearchField id='member-org-search' value={query} placeholder='搜索工会名称，例如 上虞、快递' onInput={setQuery} />
      {!q ? (
        <View className='ut-crumbs'>
          <Text className={`ut-crumb ${at === null ? 'ut-crumb-on' : ''}`} onClick={() => setAt(null)}>
            全部
          </Text>
          {crumbs.map((o) => (
            <Text key={o.id} className={`ut-crumb ${o.id === at ? 'ut-crumb-on' : ''}`} onClick={() => setAt(o.id)}>
              {` › ${o.name}`}
            </Text>
          ))}
        </View>
      ) : (
        <Text className='ut-note' id='member-org-count'>
          {matches.length === 0
            ? `没有找到含“${q}”的工会，请换个词，或清空后按地区逐级查找`
            : matches.length > rows.length
              ? `找到 ${matches.length} 个，显示前 ${rows.length} 个，请输入更完整的名称`
              : `找到 ${matches.length} 个`}
        </Text>
      )}
      {rows.map((o) => {
        const below = children.get(o.id)?.length ?? 0;
        const path = q
          ? unionPath(orgs, o.parentId)
              .map((p) => p.name)
              .join(' › ')
          : '';
        return (
          <View key={o.id} className={`ut-row ${o.id === value ? 'ut-row-on' : ''}`} id={`member-org-${o.id}`}>
            <View className='ut-row-text' onClick={() => (below && !q ? setAt(o.id) : pick(o))}>
              <Text className='ut-name'>{o.name}</Text>
              <Text className='ut-path'>
                {path || ORG_LEVEL_LABELS[o.level]}
                {below ? `，下设 ${below} 个` : ''}
              </Text>
            </View>
            {below ? (
              <Button
                className='btn btn-secondary ut-btn'
                onClick={() => {
                  setQuery('');
                  setAt(o.id);
                }}
              >
                下一级
              </Button>
            ) : null}
            <Button className='btn btn-primary ut-btn' id={`member-org-pick-${o.id}`} onClick={() => pick(o)}>
              选这个
            </Button>
          </View>
        );
      })}
      {value !== null ? (
        <Button className='btn btn-secondary ut-cancel' onClick={() => setOpen(false)}>
          不换了
        </Button>
      ) : null}
    </View>
  );
}
