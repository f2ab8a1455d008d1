import { Badge, Card } from '@tremor/react';
import type { ConfigChangeRequest, ConfigTarget } from '@/data/config';
import { formatDateTime } from '@/lib/format';
import type { Session } from '@/lib/session-token';
import { DecideForm } from './decide-form';
import { DiffTable } from './diff-table';

function whatItDoes(request: ConfigChangeRequest): string {
  if (request.rollbackTo !== null) {
    return `Roll back to revision ${request.rollbackTo}`;
  }
  if (request.grayRule) {
    const { percentage, labels } = request.grayRule;
    const to = [
      percentage !== undefined ? `${percentage} % of instances` : '',
      labels
        ? Object.entries(labels)
            .map(([key, value]) => `${key}: ${value}`)
            .join(', ')
        : '',
    ]
      .filter(Boolean)
      .join(' or ');
    return `Publish as a gray release to ${to}`;
  }
  return 'Publish to every instance';
}

/** Whether the viewer wrote the request: the center names authors by email, else by user id. */
function isAuthor(request: ConfigChangeRequest, session: Session): boolean {
  return request.author === session.email || request.author === session.userId;
}

function Note({ children }: { children: string }) {
  return (
    <p
      className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis"
      data-testid="approval-note"
    >
      {children}
    </p>
  );
}

/** Changes waiting for a second admin in a protected namespace. */
export function ChangeRequests({
  target,
  requests,
  session,
}: {
  target: ConfigTarget;
  requests: ConfigChangeRequest[];
  session: Session;
}) {
  if (requests.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="change-requests" className="mb-6 space-y-4">
      <h2
        id="change-requests"
        className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong"
      >
        Waiting for approval
      </h2>
      {requests.map((request) => {
        const own = isAuthor(request, session);
        const admin = session.role === 'admin';
        return (
          <Card
            key={request.id}
            decoration="left"
            decorationColor="amber"
            data-testid={`change-request-${request.id}`}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div>
                <p className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                  #{request.id} · {whatItDoes(request)}
                </p>
                <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                  Asked by {request.author} · {formatDateTime(request.createdAt)}
                  {request.comment ? ` · “${request.comment}”` : ''}
                </p>
              </div>
              <Badge color="amber">Pending</Badge>
            </div>
            <div className="mt-4">
              <DiffTable
                changes={request.changes}
                empty="It would change nothing against the live release now."
              />
            </div>
            <div className="mt-4 space-y-3">
              {own ? (
                <Note>
                  You asked for this change, and the author of a change cannot approve it: another
                  admin must. You may withdraw it.
                </Note>
              ) : admin ? null : (
                <Note>Only admins may approve or reject config changes.</Note>
              )}
              <DecideForm
                namespace={target.namespace}
                service={target.service}
                id={request.id}
                mayApprove={admin && !own}
                mayReject={admin || own}
                withdraw={own}
              />
            </div>
          </Card>
        );
      })}
    </section>
  );
}
