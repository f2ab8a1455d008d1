import { Callout } from '@tremor/react';
import { type NoticeQuery, noticeOf } from '@/lib/config-notice';

export function ConfigNotice({ query }: { query: NoticeQuery }) {
  const notice = noticeOf(query);
  if (!notice) {
    return null;
  }
  return (
    <div role="status" className="mb-6">
      <Callout title="Done" color="emerald">
        {notice}
      </Callout>
    </div>
  );
}
