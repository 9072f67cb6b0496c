import { useEffect, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import StateView from '@/ui/StateView';
import type { Remote } from '@/lib/useData';
import { loadMe } from '@/services/session';
import { showActionError } from '@/ui/toast';

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

/** A card's heading: title (`titleId`), a grey line under it, and a badge on the right. */
export function CardHead({ title, titleId, sub, badge }: { title: ReactNode; titleId?: string; sub: ReactNode; badge?: ReactNode }) {
  return (
    <View className='org-head'>
      <View className='org-head-text'>
        <Text className='org-title' id={titleId}>
          {title}
        </Text>
        <Text className='org-sub'>{sub}</Text>
      </View>
      {badge}
    </View>
  );
}

/** The bar above a list page: title and a grey line, then the page's main button(s). */
export function Toolbar({ title, sub, className = '', children }: { title: ReactNode; sub: ReactNode; className?: string; children?: ReactNode }) {
  return (
    <View className={`org-toolbar ${className}`}>
      <View className='org-head-text'>
        <Text className='org-title'>{title}</Text>
        <Text className='org-sub'>{sub}</Text>
      </View>
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

interface ListItemProps {
  id: string;
  className: string;
  /** The page a tap opens. */
  url: string;
  title: ReactNode;
  badge: ReactNode;
  children: ReactNode;
}

/** One tappable card of a list page: title and status badge on top, lines under them. */
export function ListItem({ id, className, url, title, badge, children }: ListItemProps) {
  return (
    <View id={id} className={`org-item ${className}`} hoverClass='org-item-active' onClick={() => void Taro.navigateTo({ url })}>
      <View className='org-item-top'>
        <Text className='org-item-title'>{title}</Text>
        {badge}
      </View>
      {children}
    </View>
  );
}

/** A part of a page that loads on its own: its content, or what failed (tap to retry), or 正在加载…. */
export function Loaded<T>({ remote, children }: { remote: Pick<Remote<T>, 'data' | 'error' | 'reload'>; children: (data: T) => ReactNode }) {
  if (remote.data !== null) return <>{children(remote.data)}</>;
  return remote.error ? (
    <Text className='field-error' onClick={() => void remote.reload()}>
      加载失败：{remote.error.message}（点此重试）
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

/**
 * One organiser action at a time: `busy` names the running one (for its button); `act` runs an
 * action unless another runs, says what failed, and answers whether it went through.
 */
export function useBusy() {
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (key: string, fn: () => Promise<void>, failTitle: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(key);
    try {
      await fn();
      return true;
    } catch (e) {
      await showActionError(e, failTitle);
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, setBusy, act };
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
