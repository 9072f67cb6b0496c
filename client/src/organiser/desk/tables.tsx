import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { OCCUPATION_LABELS, REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, REQUEST_STATUS_LABELS, type WorkerRequest } from '@xlx/shared';
import { organiserService, type Membership } from '@/services/organiser';
import { errorMessage } from '@/services/request';
import { loadMe } from '@/services/session';
import { ORG_PAGES } from '@/lib/org-pages';
import { fmtDate } from '@/lib/format-org';

// Desk tables (H5 at >= 1,024 px only): plain HTML tables over the same rows, from the same API
// calls, as the phone's cards. Bulk actions call the same per-item routes one after another and
// report each item's result (some may succeed while others fail).

type Dir = 'asc' | 'desc';
interface Sort<K extends string> {
  key: K;
  dir: Dir;
}

const idOf = (row: unknown): number => (row as { id: number }).id;

function useSort<T, K extends string>(rows: T[], initial: Sort<K>, value: (row: T, key: K) => string | number) {
  const [sort, setSort] = useState<Sort<K>>(initial);
  const sorted = useMemo(() => {
    const out = [...rows];
    out.sort((a, b) => {
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      // Equal values (rows made in the same second) fall back to the order they were made in.
      const c = (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN')) || idOf(a) - idOf(b);
      return sort.dir === 'asc' ? c : -c;
    });
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, sort]);
  const toggle = (key: K) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
  return { sorted, sort, toggle };
}

function SortHeader<K extends string>({ k, label, sort, onSort, id }: { k: K; label: string; sort: Sort<K>; onSort: (k: K) => void; id: string }) {
  const on = sort.key === k;
  return (
    <th
      id={id}
      className={`desk-sortable ${on ? 'desk-sorted' : ''}`}
      aria-sort={on ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      tabIndex={0}
      onClick={() => onSort(k)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSort(k);
        }
      }}
    >
      {label}
      {on ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
    </th>
  );
}

function useSelection(ids: number[]) {
  const [picked, setPicked] = useState<number[]>([]);
  const live = picked.filter((id) => ids.includes(id));
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const all = ids.length > 0 && live.length === ids.length;
  const toggleAll = () => setPicked(all ? [] : ids);
  return { picked: live, toggle, all, toggleAll, clear: () => setPicked([]) };
}

interface Outcome {
  ok: number;
  failed: string[];
}

async function eachOf<T>(items: T[], run: (item: T) => Promise<unknown>, name: (item: T) => string): Promise<Outcome> {
  const out: Outcome = { ok: 0, failed: [] };
  for (const item of items) {
    try {
      await run(item);
      out.ok += 1;
    } catch (e) {
      out.failed.push(`${name(item)}：${errorMessage(e)}`);
    }
  }
  return out;
}

function OutcomeLine({ id, outcome, done }: { id: string; outcome: Outcome | null; done: string }) {
  if (!outcome) return null;
  return (
    <span id={id} className={`desk-result ${outcome.failed.length ? 'desk-result-bad' : ''}`} role='status'>
      {outcome.ok ? `已${done} ${outcome.ok} 条。` : ''}
      {outcome.failed.length ? `${outcome.failed.length} 条未成功：${outcome.failed.join('；')}` : ''}
    </span>
  );
}

type ReqKey = 'createdAt' | 'dueAt' | 'status' | 'category' | 'organisationName' | 'assigneeName';
const STATUS_ORDER = { submitted: 0, in_progress: 1, resolved: 2, closed: 3 } as const;

function reqValue(r: WorkerRequest, key: ReqKey): string | number {
  switch (key) {
    case 'createdAt':
      return Date.parse(r.createdAt);
    case 'dueAt':
      return Date.parse(r.dueAt);
    case 'status':
      return STATUS_ORDER[r.status];
    case 'category':
      return REQUEST_CATEGORIES.indexOf(r.category);
    case 'organisationName':
      return r.organisationName;
    case 'assigneeName':
      return r.assigneeName ?? '';
  }
}

/** The requests as a dense table: sort by column, filter by category, select rows and take them on. */
function RequestsTableH5({ items, onChanged }: { items: WorkerRequest[]; onChanged: () => Promise<unknown> }) {
  const [category, setCategory] = useState<string>('');
  const rows = useMemo(() => (category ? items.filter((r) => r.category === category) : items), [items, category]);
  const { sorted, sort, toggle: onSort } = useSort<WorkerRequest, ReqKey>(rows, { key: 'createdAt', dir: 'desc' }, reqValue);
  const sel = useSelection(sorted.map((r) => r.id));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const assignToMe = async () => {
    if (busy || !sel.picked.length) return;
    const me = await loadMe().catch(() => null);
    if (!me) return;
    setBusy(true);
    const byId = new Map(items.map((r) => [r.id, r]));
    const picked = sel.picked.map((id) => byId.get(id)!).filter(Boolean);
    const result = await eachOf(
      picked,
      (r) => organiserService.assignRequest(r.id, me.id),
      (r) => `#${r.id}`,
    );
    setOutcome(result);
    sel.clear();
    await onChanged().catch(() => undefined);
    setBusy(false);
  };

  const H = (k: ReqKey, label: string) => <SortHeader k={k} label={label} sort={sort} onSort={onSort} id={`desk-req-sort-${k}`} />;

  return (
    <div id='desk-req'>
      <div className='desk-bar'>
        <label className='desk-bar-label' htmlFor='desk-req-category'>
          类别
        </label>
        <select id='desk-req-category' className='desk-select' value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value=''>全部类别</option>
          {REQUEST_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {REQUEST_CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
        <span className='desk-bar-label' id='desk-req-selected'>
          已选 {sel.picked.length} 条
        </span>
        <button id='desk-req-assign' type='button' className='desk-btn' disabled={busy || sel.picked.length === 0} onClick={() => void assignToMe()}>
          {busy ? '正在指派…' : '选中的由我负责'}
        </button>
      </div>
      <OutcomeLine id='desk-req-result' outcome={outcome} done='指派' />
      {sorted.length === 0 ? (
        <p className='desk-muted' id='desk-req-none'>
          这个类别下没有诉求，换一个类别看看。
        </p>
      ) : (
        <table className='desk-table' id='desk-req-table'>
          <thead>
            <tr>
              <th>
                <input type='checkbox' className='desk-check' id='desk-req-all' aria-label='全选' checked={sel.all} onChange={sel.toggleAll} />
              </th>
              <th>诉求</th>
              {H('category', '类别')}
              {H('status', '状态')}
              {H('organisationName', '受理组织')}
              {H('createdAt', '提交时间')}
              {H('dueAt', '回应期限')}
              {H('assigneeName', '负责人')}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => {
              const on = sel.picked.includes(r.id);
              const text = r.text.split('\n')[0] || '（无内容）';
              return (
                <tr key={r.id} id={`desk-req-row-${r.id}`} className={`${on ? 'desk-row-on' : ''} ${r.overdue ? 'desk-row-late' : ''}`}>
                  <td>
                    <input
                      type='checkbox'
                      className='desk-check'
                      id={`desk-req-check-${r.id}`}
                      aria-label={`选择诉求：${text}`}
                      checked={on}
                      onChange={() => sel.toggle(r.id)}
                    />
                  </td>
                  <td>
                    <span
                      className='desk-link'
                      role='link'
                      tabIndex={0}
                      onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.request}?id=${r.id}` })}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') void Taro.navigateTo({ url: `${ORG_PAGES.request}?id=${r.id}` });
                      }}
                    >
                      {text.length > 40 ? `${text.slice(0, 40)}…` : text}
                    </span>
                    {r.reporterName ? <span className='desk-muted'> · {r.reporterName}</span> : null}
                  </td>
                  <td>{REQUEST_CATEGORY_LABELS[r.category]}</td>
                  <td className='desk-status'>{REQUEST_STATUS_LABELS[r.status]}</td>
                  <td>{r.organisationName}</td>
                  <td>{fmtDate(r.createdAt)}</td>
                  <td className='desk-due'>
                    {r.status === 'resolved' || r.status === 'closed' ? '已办结' : `${fmtDate(r.dueAt)}${r.overdue ? '（已逾期）' : ''}`}
                  </td>
                  <td className='desk-assignee'>{r.assigneeName ?? <span className='desk-muted'>尚未指派</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

type MemKey = 'createdAt' | 'name' | 'organisationName' | 'occupation';

function memValue(m: Membership, key: MemKey): string | number {
  if (key === 'createdAt') return Date.parse(m.createdAt);
  if (key === 'occupation') return OCCUPATION_LABELS[m.occupation];
  return m[key];
}

/** Applications as a dense table: sort, select and approve several at once (pending tab only). */
function MembershipsTableH5({ items, onDecided, onReject }: { items: Membership[]; onDecided: (ids: number[]) => void; onReject: (m: Membership) => void }) {
  const { sorted, sort, toggle: onSort } = useSort<Membership, MemKey>(items, { key: 'createdAt', dir: 'asc' }, memValue);
  const pending = sorted.filter((m) => m.status === 'pending').map((m) => m.id);
  const sel = useSelection(pending);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const approve = async () => {
    if (busy || !sel.picked.length) return;
    const picked = items.filter((m) => sel.picked.includes(m.id));
    const { confirm } = await Taro.showModal({
      title: `通过 ${picked.length} 份入会申请`,
      content: `确认 ${picked.map((m) => m.name).join('、')} 符合入会条件？通过后每人会收到会员号。`,
      confirmText: '全部通过',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    const done: number[] = [];
    const result = await eachOf(
      picked,
      async (m) => {
        await organiserService.approveMembership(m.id);
        done.push(m.id);
      },
      (m) => m.name,
    );
    setOutcome(result);
    sel.clear();
    onDecided(done);
    setBusy(false);
  };

  const H = (k: MemKey, label: string) => <SortHeader k={k} label={label} sort={sort} onSort={onSort} id={`desk-mem-sort-${k}`} />;

  return (
    <div id='desk-mem'>
      {pending.length ? (
        <div className='desk-bar'>
          <span className='desk-bar-label' id='desk-mem-selected'>
            已选 {sel.picked.length} 份
          </span>
          <button
            id='desk-mem-approve'
            type='button'
            className='desk-btn desk-btn-green'
            disabled={busy || sel.picked.length === 0}
            onClick={() => void approve()}
          >
            {busy ? '正在通过…' : '通过选中的申请'}
          </button>
          <span className='desk-bar-label'>不通过须逐份说明原因：点该行的“不通过”。</span>
        </div>
      ) : null}
      <OutcomeLine id='desk-mem-result' outcome={outcome} done='通过' />
      <table className='desk-table' id='desk-mem-table'>
        <thead>
          <tr>
            <th>
              {pending.length ? (
                <input type='checkbox' className='desk-check' id='desk-mem-all' aria-label='全选' checked={sel.all} onChange={sel.toggleAll} />
              ) : null}
            </th>
            {H('name', '申请人')}
            <th>手机号（已隐去）</th>
            {H('occupation', '职业')}
            <th>工作单位</th>
            {H('organisationName', '申请加入')}
            {H('createdAt', '申请时间')}
            <th>{pending.length ? '操作' : '结果'}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((m) => {
            const on = sel.picked.includes(m.id);
            return (
              <tr key={m.id} id={`desk-mem-row-${m.id}`} className={on ? 'desk-row-on' : ''}>
                <td>
                  {m.status === 'pending' ? (
                    <input
                      type='checkbox'
                      className='desk-check'
                      id={`desk-mem-check-${m.id}`}
                      aria-label={`选择 ${m.name} 的申请`}
                      checked={on}
                      onChange={() => sel.toggle(m.id)}
                    />
                  ) : null}
                </td>
                <td>{m.name}</td>
                <td>
                  {m.phone}
                  {m.phoneVerified ? <span className='desk-muted'>（微信已验证）</span> : null}
                </td>
                <td>{OCCUPATION_LABELS[m.occupation]}</td>
                <td>{m.employer}</td>
                <td>{m.organisationName}</td>
                <td>{fmtDate(m.createdAt)}</td>
                <td>
                  {m.status === 'pending' ? (
                    <button type='button' id={`desk-mem-reject-${m.id}`} className='desk-btn' disabled={busy} onClick={() => onReject(m)}>
                      不通过
                    </button>
                  ) : m.status === 'approved' ? (
                    `会员号 ${m.memberNo ?? '—'}`
                  ) : (
                    `原因：${m.rejectReason ?? '—'}`
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const Nothing = (): JSX.Element | null => null;
// Constant conditions: the mini-program bundle keeps only the empty stubs.
export const RequestsTable: (p: Parameters<typeof RequestsTableH5>[0]) => JSX.Element | null = process.env.TARO_ENV === 'h5' ? RequestsTableH5 : Nothing;
export const MembershipsTable: (p: Parameters<typeof MembershipsTableH5>[0]) => JSX.Element | null =
  process.env.TARO_ENV === 'h5' ? MembershipsTableH5 : Nothing;
