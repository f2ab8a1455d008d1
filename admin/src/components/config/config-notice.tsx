import { PageNotice } from '@/components/ui/form-message';
import { configNotice, type NoticeQuery } from '@/lib/config-notice';

export function ConfigNotice({
  query,
  liveRevision,
}: {
  query: NoticeQuery;
  liveRevision: number | null;
}) {
  const notice = configNotice(query, liveRevision);
  return notice ? <PageNotice title={notice.title} message={notice.message} /> : null;
}
