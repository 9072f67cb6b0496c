import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';

interface Props {
  id?: string;
  className: string;
  /** The pressed look (default: a card's). */
  hoverClass?: string;
  /** The page it opens (navigateTo). */
  url: string;
  children: ReactNode;
}

/** A card or row that opens another page when tapped. */
export default function PageLink({ id, className, hoverClass = 'card-active', url, children }: Props) {
  return (
    <View id={id} className={className} hoverClass={hoverClass} onClick={() => void Taro.navigateTo({ url })}>
      {children}
    </View>
  );
}
