import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

interface Props {
  /** 时间, 地点, 地址…: the short label on the left. */
  label: string;
  /** The value's id (what tests and links read). */
  id?: string;
  /** Added to the row's `info-line`. */
  className?: string;
  /** Added to the value's `info-value`. */
  valueClassName?: string;
  /** After the value, e.g. a 导航 or 拨打 button. */
  after?: ReactNode;
  children: ReactNode;
}

/** One labelled fact of a detail page (the app.css info-line): label, value, an optional action. */
export default function InfoLine({ label, id, className = '', valueClassName = '', after, children }: Props) {
  return (
    <View className={`info-line ${className}`}>
      <Text className='info-label'>{label}</Text>
      <Text className={`info-value ${valueClassName}`} id={id}>
        {children}
      </Text>
      {after}
    </View>
  );
}
