import { View } from '@tarojs/components';
import type { Remote } from '@/lib/useData';
import PageState from '@/ui/PageState';
import TextScale from '@/ui/TextScale';

/** A whole worker page before its data came: the page (class `page <page>`, text size) around PageState `<id>-…`. */
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
      <PageState id={id} error={remote.error} onRetry={() => void remote.reload()} title={title} />
    </View>
  );
}
