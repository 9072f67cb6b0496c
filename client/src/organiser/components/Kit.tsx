import { useEffect, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import StateView from '@/ui/StateView';
import Badge from '@/ui/Badge';
import type { IconName } from '@/ui/Icon';
import Chips from '@/ui/Chips';
import PageState, { RefreshNotice } from '@/ui/PageState';
import type { ApiError } from '@/services/request';
import type { Remote } from '@/lib/useData';
import { loadMe } from '@/services/session';
import { confirmDanger, showActionError } from '@/ui/toast';
import { runGuarded } from '@/lib/useForm';
import { ORG_PAGES } from '@/lib/org-pages';

const TONES = { primary: 'btn-primary', secondary: 'btn-secondary', danger: 'btn-danger', green: 'org-btn-green' } as const;

interface BusyButtonProps {
  id?: string;
  tone: keyof typeof TONES;
  /** This button's action runs: drawn busy and not tappable. */
  busy: boolean;
  /** Not tappable (default: while busy). */
  disabled?: boolean;
  /** Show the spinner while busy (default true). */
  spin?: boolean;
  /** More classes (org-btn-small, door-submit …). */
  className?: string;
  onClick: () => void;
  children: ReactNode;
}

/** An organiser action button that shows its action running (btn-busy, spinner) and cannot be tapped twice. */
export function BusyButton({ id, tone, busy, disabled = busy, spin = true, className = '', onClick, children }: BusyButtonProps) {
  return (
    <Button
      id={id}
      className={`btn ${TONES[tone]} ${className} ${busy ? 'btn-busy' : ''}`}
      loading={spin ? busy : undefined}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}

/** A title over a grey line (`org-head-text`), the left part of a card's or a page's heading. */
export function HeadText({
  title,
  sub,
  titleClass = 'org-title',
  titleId,
  subId,
}: {
  title: ReactNode;
  sub: ReactNode;
  titleClass?: string;
  titleId?: string;
  subId?: string;
}) {
  return (
    <View className='org-head-text'>
      <Text className={titleClass} id={titleId}>
        {title}
      </Text>
      <Text className='org-sub' id={subId}>
        {sub}
      </Text>
    </View>
  );
}

/** A list row's small action button, without a spinner (the row stays still while it runs); it runs while `running` (useBusy's busy) is its id. */
export function RowButton({ className = '', running, ...props }: Omit<BusyButtonProps, 'spin' | 'busy'> & { id: string; running: string | null }) {
  return <BusyButton {...props} busy={running === props.id} spin={false} className={`org-btn-small ${className}`} />;
}

/** A card's heading: title (`titleId`), a grey line under it, and a badge on the right. */
export function CardHead({ badge, ...text }: ComponentProps<typeof HeadText> & { badge?: ReactNode }) {
  return (
    <View className='org-head'>
      <HeadText {...text} />
      {badge}
    </View>
  );
}

/** The bar above a list page: title and a grey line (`subId`), then the page's main button(s). */
export function Toolbar({ className = '', children, ...text }: ComponentProps<typeof HeadText> & { className?: string; children?: ReactNode }) {
  return (
    <View className={`org-toolbar ${className}`}>
      <HeadText {...text} />
      {children}
    </View>
  );
}

/** A card of a page or form: its section title, a grey line under it (`intro`), then its content. */
export function Section({ title, intro, id, children }: { title: string; intro?: ReactNode; id?: string; children?: ReactNode }) {
  return (
    <View className='card' id={id}>
      <Text className='section-title'>{title}</Text>
      {intro ? <Text className='muted'>{intro}</Text> : null}
      {children}
    </View>
  );
}

/** One "key: value" row of a detail card (`id` on the value). */
export function KV({
  label,
  id,
  className = '',
  onClick,
  children,
}: {
  label: string;
  id?: string;
  className?: string;
  onClick?: () => void;
  children: ReactNode;
}) {
  return (
    <View className='org-kv'>
      <Text className='org-kv-key'>{label}</Text>
      <Text className={`org-kv-value ${className}`} id={id} onClick={onClick}>
        {children}
      </Text>
    </View>
  );
}

/** A card holding one StateView (empty list, nothing matches, not available). */
export function StateCard(props: ComponentProps<typeof StateView>) {
  return (
    <View className='card'>
      <StateView {...props} />
    </View>
  );
}

/** An organiser page for someone without organiser grants: who may use it, and the way back to 我的 (`card`: in a card). */
function NoGrants({ id, text, card }: { id: string; text: string; card: boolean }) {
  const state = (
    <StateView
      id={id}
      icon='lock'
      title='您还没有组织者权限'
      text={text}
      actionText='返回我的'
      onAction={() => void Taro.switchTab({ url: '/pages/me/index' })}
    />
  );
  return card ? <View className='card'>{state}</View> : state;
}

/** A whole organiser page before it knows me (loading, or what failed), or once it knows I have no organiser grants. */
export function GrantGate({
  page = 'page org-page',
  known,
  error,
  onRetry,
  ...none
}: {
  /** The page's classes. */
  page?: string;
  /** I am known (then: without grants). */
  known: boolean;
  error: ApiError | null;
  onRetry: () => void;
} & ComponentProps<typeof NoGrants>) {
  return <View className={page}>{known ? <NoGrants {...none} /> : <PageState error={error} what='页面' onRetry={onRetry} />}</View>;
}

/** A list page's filter chips and, over the list, the note of a failed refresh. */
export function FilterBar<T extends string>({
  idPrefix,
  options,
  value,
  onChange,
  remote,
}: {
  idPrefix: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (v: T) => void;
  remote: ComponentProps<typeof RefreshNotice>['remote'];
}) {
  return (
    <>
      <Chips look='org' idPrefix={idPrefix} options={options} value={value} onChange={onChange} />
      <RefreshNotice remote={remote} org />
    </>
  );
}

interface ListPageProps<T extends string> {
  /** `events`, `stations`: ids `<name>-new`, `<name>-filter-<value>`, `<name>-empty`. */
  name: string;
  /** Left of the new button: a title (HeadText) or a search box. */
  head: ReactNode;
  /** The new button's words (after ＋), also the action of the empty list's card. */
  newText: string;
  onNew: () => void;
  filters: { value: T; label: string }[];
  filter: T;
  onFilter: (v: T) => void;
  remote: { data: { items: unknown[] } | null } & ComponentProps<typeof RefreshNotice>['remote'];
  /** The card of a list with nothing in it yet. */
  empty: { icon: IconName; title: string; text: string };
  /** The list (what the filters leave of it). */
  children: ReactNode;
}

/** A list page of things the organiser creates: toolbar with the new button, filters, then the list or the card that asks to create the first. */
export function ListPage<T extends string>({ name, head, newText, onNew, filters, filter, onFilter, remote, empty, children }: ListPageProps<T>) {
  return (
    <View className='page org-page'>
      <View className='org-toolbar'>
        {head}
        <Button id={`${name}-new`} className='btn btn-primary' onClick={onNew}>
          {`＋ ${newText}`}
        </Button>
      </View>
      <FilterBar idPrefix={`${name}-filter`} options={filters} value={filter} onChange={onFilter} remote={remote} />
      {remote.data?.items.length === 0 ? <StateCard id={`${name}-empty`} {...empty} actionText={newText} onAction={onNew} /> : children}
    </View>
  );
}

/** What a MessageBox holds: the text typed and its red message. */
export function useMessageBox() {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  return { value, setValue, error, setError };
}

interface MessageBoxProps {
  id: string;
  errorId: string;
  /** More classes of the box, and the one it takes while its message shows. */
  className?: string;
  invalidClass: string;
  maxlength: number;
  placeholder: string;
  /** Its text and message (useMessageBox): typing forgets the message. */
  box: ReturnType<typeof useMessageBox>;
}

/** A multi-line box for a message (a reply, a reason) with its red message under it. */
export function MessageBox({ id, errorId, className = '', invalidClass, maxlength, placeholder, box }: MessageBoxProps) {
  return (
    <>
      <Textarea
        id={id}
        className={`field-textarea ${className} ${box.error ? invalidClass : ''}`}
        value={box.value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => {
          box.setValue(e.detail.value);
          if (box.error) box.setError('');
        }}
      />
      {box.error ? (
        <Text className='field-error' id={errorId}>
          {box.error}
        </Text>
      ) : null}
    </>
  );
}

/** 服务中 / 已暂停: whether a station serves workers now. */
export function StationBadge({ active, id }: { active: boolean; id?: string }) {
  return (
    <Badge tone={active ? 'green' : 'grey'} id={id}>
      {active ? '服务中' : '已暂停'}
    </Badge>
  );
}

/** The detail page each kind of list item opens (`<kind>-item-<id>` is the item's id). */
const ITEM_PAGES = { event: ORG_PAGES.event, station: ORG_PAGES.station, req: ORG_PAGES.request } as const;

interface ListItemProps {
  kind: keyof typeof ITEM_PAGES;
  /** The object's id: the item's is `<kind>-item-<itemId>`, a tap opens its page. */
  itemId: number;
  className: string;
  title: ReactNode;
  badge: ReactNode;
  children: ReactNode;
}

/** One tappable card of a list page: title and status badge on top, lines under them. */
export function ListItem({ kind, itemId, className, title, badge, children }: ListItemProps) {
  const url = `${ITEM_PAGES[kind]}?id=${itemId}`;
  return (
    <View id={`${kind}-item-${itemId}`} className={`org-item ${className}`} hoverClass='org-item-active' onClick={() => void Taro.navigateTo({ url })}>
      <View className='org-item-top'>
        <Text className='org-item-title'>{title}</Text>
        {badge}
      </View>
      {children}
    </View>
  );
}

/** A part of a page that loads on its own: its content, or what failed (`<failed>：…`, tap to retry, `id`), or 正在加载…. */
export function Loaded<T>({
  remote,
  failed = '加载失败',
  id,
  children,
}: {
  remote: Pick<Remote<T>, 'data' | 'reload'> & { error: { message: string } | null };
  failed?: string;
  id?: string;
  children: (data: T) => ReactNode;
}) {
  if (remote.data !== null) return <>{children(remote.data)}</>;
  return remote.error ? (
    <Text className='field-error' id={id} onClick={() => void remote.reload()}>
      {failed}：{remote.error.message}（点此重试）
    </Text>
  ) : (
    <Text className='muted'>正在加载…</Text>
  );
}

interface DialogProps {
  id: string;
  title: string;
  text: string;
  /** The dialog's own controls (a reason box, its message). */
  children: ReactNode;
  confirmId: string;
  confirmText: string;
  busy: boolean;
  onConfirm: () => void;
  cancelText: string;
  cancelDisabled: boolean;
  onCancel: () => void;
}

/** A modal card over the page: what will happen, the dialog's controls, confirm and cancel. */
export function Dialog(p: DialogProps) {
  return (
    <View className='org-mask' id={p.id} catchMove>
      <View className='org-dialog'>
        <Text className='org-dialog-title'>{p.title}</Text>
        <Text className='card-line org-dialog-text'>{p.text}</Text>
        {p.children}
        <View className='org-spacer' />
        <BusyButton id={p.confirmId} tone='primary' busy={p.busy} onClick={p.onConfirm}>
          {p.confirmText}
        </BusyButton>
        <Button className='btn btn-secondary' disabled={p.cancelDisabled} onClick={p.onCancel}>
          {p.cancelText}
        </Button>
      </View>
    </View>
  );
}

/** Chip options from `{ value: label }` in the order written. */
export function chipOptions<T extends string>(labels: Partial<Record<T, string>>): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] ?? value }));
}

/**
 * A filtered list page's loading: on show (quietly once there is data, with my grants for the
 * organisation picker), on pull-down, and again whenever a filter in `deps` changes (`clear`: drop
 * the old rows first so that one filter's rows never show under another).
 */
export function useFilteredList<T>(list: Pick<Remote<T>, 'data' | 'reload' | 'setData'>, deps: unknown[], clear = false) {
  useDidShow(() => {
    void loadMe().catch(() => undefined);
    void list.reload(list.data !== null);
  });
  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (clear) list.setData(null);
    void list.reload(!clear);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

/** A question before an action: red confirm button (confirmDanger) unless `plain`. */
export interface Ask {
  title: string;
  content: string;
  confirmText: string;
  cancelText?: string;
  plain?: boolean;
}

/** Asks `q`; true when the organiser confirmed. */
export async function askYes({ plain, ...q }: Ask): Promise<boolean> {
  if (!plain) return confirmDanger(q);
  const { confirm } = await Taro.showModal({ ...q, cancelText: q.cancelText ?? '取消' });
  return confirm;
}

/**
 * One organiser action at a time: `busy` names the running one (for its button); `act` runs an
 * action unless another runs, says what failed (then `onFail`), and answers whether it went through;
 * `askThenAct` first asks (nothing while another action runs, nor when the organiser says no).
 */
export function useBusy() {
  const [busy, setBusy] = useState<string | null>(null);
  const act = (key: string, fn: () => Promise<void>, failTitle: string, onFail?: (e: unknown) => void): Promise<boolean> =>
    runGuarded(
      Boolean(busy),
      (on) => setBusy(on ? key : null),
      fn,
      async (e) => {
        await showActionError(e, failTitle);
        onFail?.(e);
      },
    );
  const askThenAct = async (q: Ask, key: string, fn: () => Promise<void>, failTitle: string, onFail?: (e: unknown) => void): Promise<boolean> => {
    if (busy || !(await askYes(q))) return false;
    return act(key, fn, failTitle, onFail);
  };
  return { busy, setBusy, act, askThenAct };
}

/**
 * A detail page's remotes load together when the page shows (quietly once the first has data;
 * only when `enabled`, i.e. the page has its id) and on pull-down. Returns the reload of them all.
 */
export function useReloadAll(enabled: boolean, ...remotes: Pick<Remote<unknown>, 'data' | 'reload'>[]) {
  const reloadAll = (quiet: boolean) => Promise.all(remotes.map((r) => r.reload(quiet)));
  useDidShow(() => {
    if (enabled) void reloadAll(remotes[0].data !== null);
  });
  usePullDownRefresh(() => {
    void reloadAll(true).finally(() => Taro.stopPullDownRefresh());
  });
  return reloadAll;
}

interface SearchBoxProps {
  id: string;
  className?: string;
  value: string;
  placeholder: string;
  onInput: (value: string) => void;
  onConfirm?: () => void;
}

/** The search box over a list (searches as the organiser types; `onConfirm` on the keyboard's 搜索). */
export function SearchBox({ id, className = '', value, placeholder, onInput, onConfirm }: SearchBoxProps) {
  return (
    <View className={`org-search ${className}`}>
      <Input
        id={id}
        className='org-search-input'
        value={value}
        placeholder={placeholder}
        confirmType='search'
        onInput={(e) => onInput(e.detail.value)}
        onConfirm={onConfirm}
      />
    </View>
  );
}
