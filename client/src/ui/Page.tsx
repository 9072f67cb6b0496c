import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import TextScale from '@/ui/TextScale';

/** A worker page's root: class `page <name>`, with its text size first (TextScale: large text follows 微信 字体大小). */
export default function Page({ name, children }: { name: string; children: ReactNode }) {
  return (
    <View className={`page ${name}`}>
      <TextScale />
      {children}
    </View>
  );
}

interface LinkProps {
  id?: string;
  className: string;
  /** The pressed look (default: a card's). */
  hoverClass?: string;
  /** The page it opens (navigateTo). */
  url: string;
  children: ReactNode;
}

/** A card or row that opens another page when tapped. */
export function PageLink({ id, className, hoverClass = 'card-active', url, children }: LinkProps) {
  return (
    <View id={id} className={className} hoverClass={hoverClass} onClick={() => void Taro.navigateTo({ url })}>
      {children}
    </View>
  );
}
