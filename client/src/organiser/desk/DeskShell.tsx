import type { ComponentType, PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Icon, { type IconName } from '@/ui/Icon';
import { ORG_PAGES } from '@/lib/org-pages';
import { useDesk } from './useDesk';

// The desk's styles only in the H5 build (a constant condition: the mini-program never gets them).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would put desk.css in both builds
if (process.env.TARO_ENV === 'h5') require('./desk.css');

export type DeskSection = 'home' | 'stations' | 'events' | 'requests' | 'memberships' | 'dashboard';

const NAV: { key: DeskSection; label: string; icon: IconName; url: string }[] = [
  { key: 'home', label: '工作台', icon: 'home', url: ORG_PAGES.home },
  { key: 'stations', label: '驿站', icon: 'pin', url: ORG_PAGES.stations },
  { key: 'events', label: '活动', icon: 'calendar', url: ORG_PAGES.events },
  { key: 'requests', label: '诉求', icon: 'chat', url: ORG_PAGES.requests },
  { key: 'memberships', label: '入会申请', icon: 'card', url: ORG_PAGES.memberships },
  { key: 'dashboard', label: '数据看板', icon: 'chart', url: ORG_PAGES.dashboard },
];

/** At desk width: a sidebar of the organiser sections beside the page; on a phone, the page alone. */
function DeskShellH5({ current, children }: PropsWithChildren<{ current: DeskSection }>) {
  const desk = useDesk();
  if (!desk) return <>{children}</>;
  return (
    <View className='desk' id='desk-shell'>
      <View className='desk-side' id='desk-nav' role='navigation' ariaLabel='组织者工作台'>
        <Text className='org-accent desk-brand'>心连新 · 组织者</Text>
        {NAV.map((n) => (
          <View
            key={n.key}
            id={`desk-nav-${n.key}`}
            className={`desk-nav-item ${n.key === current ? 'desk-nav-on' : ''}`}
            onClick={() => {
              if (n.key !== current) void Taro.redirectTo({ url: n.url });
            }}
          >
            <Icon name={n.icon} />
            <Text>{n.label}</Text>
          </View>
        ))}
      </View>
      <View className='desk-main'>{children}</View>
    </View>
  );
}

function Passthrough({ children }: PropsWithChildren<{ current: DeskSection }>) {
  return <>{children}</>;
}

// A constant condition: the mini-program bundle keeps only the pass-through.
const DeskShell = process.env.TARO_ENV === 'h5' ? DeskShellH5 : Passthrough;
export default DeskShell;

/** The page wrapped in the desk shell (the page's own code and phone layout unchanged). */
export function withDesk<P extends object>(Page: ComponentType<P>, current: DeskSection): ComponentType<P> {
  if (process.env.TARO_ENV !== 'h5') return Page;
  function DeskPage(props: P) {
    return (
      <DeskShell current={current}>
        <Page {...props} />
      </DeskShell>
    );
  }
  return DeskPage;
}
