import type { Remote } from '@/lib/useData';
import PageState from '@/ui/PageState';
import Page from '@/ui/Page';

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
    <Page name={page}>
      <PageState id={id} error={remote.error} onRetry={() => void remote.reload()} title={title} />
    </Page>
  );
}
