import { Text, View } from '@tarojs/components';

/** Placeholder until this page is built. */
export default function Page() {
  return (
    <View className='page'>
      <Text>数据看板</Text>
    </View>
  );
}
