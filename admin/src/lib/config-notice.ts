/** The sentences a config page shows after a decision sent it back with a notice. */
export type NoticeQuery = Record<string, string | string[] | undefined>;

function integer(query: NoticeQuery, name: string): number | undefined {
  const value = Number(query[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The sentence for a decision the page was sent back with; unknown notices say nothing. */
export function noticeOf(query: NoticeQuery): string | undefined {
  const revision = integer(query, 'revision');
  const request = integer(query, 'request');
  switch (query.notice) {
    case 'promoted':
      return revision
        ? `Promoted: revision ${revision} gives the gray values to every instance.`
        : undefined;
    case 'abandoned':
      return revision
        ? `Abandoned: revision ${revision} restores the live values everywhere.`
        : undefined;
    case 'approved':
      return revision ? `Approved: revision ${revision} is live.` : undefined;
    case 'rejected':
      return request ? `Change request #${request} is rejected.` : undefined;
    case 'withdrawn':
      return request ? `Change request #${request} is withdrawn.` : undefined;
    default:
      return undefined;
  }
}

const titles: Record<string, string> = {
  promoted: 'Gray release promoted',
  abandoned: 'Gray release abandoned',
  approved: 'Change request approved',
  rejected: 'Change request rejected',
  withdrawn: 'Change request withdrawn',
};

/**
 * The banner a config page shows for the decision it was sent back with, while the page still
 * shows that outcome: a notice of revision 7 says nothing once revision 8 is live.
 */
export function configNotice(
  query: NoticeQuery,
  liveRevision: number | null,
): { title: string; message: string } | undefined {
  const message = noticeOf(query);
  const title = titles[String(query.notice)];
  const revision = integer(query, 'revision');
  if (!message || !title || (revision !== undefined && revision !== liveRevision)) {
    return undefined;
  }
  return { title, message };
}
