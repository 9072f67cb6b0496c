import { View } from '@tarojs/components';
import type { Remote } from '@/lib/useData';
import { LoadState } from '@/ui/LoadState';
import TextScale from '@/ui/TextScale';

/** A whole worker page before its data came: the page (class `page <page>`, text size) around LoadState `<id>-…`. */
export default function LoadPage({
  id,
  page = id,
  remote,
  title,
}: {
  id: string;
  page?: string;
  remote: Pick<Remote<unknown>, 'error' | 'reload'>;
  title: string;
}) {
  return (
    <View className={`page ${page}`}>
      <TextScale />
      <LoadState id={id} remote={remote} title={title} />
    </View>
  );
}
