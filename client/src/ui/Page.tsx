import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
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
