import { Callout } from '@tremor/react';
import type { Metadata } from 'next';
import { DeadLetterActions } from '@/components/messaging/dead-letter-actions';
import {
  DeadLetterAttempts,
  DeadLetterContents,
  DeadLetterFacts,
} from '@/components/messaging/dead-letter-details';
import { Section } from '@/components/ui/section';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { getDeadLetter, listTopics } from '@/data/messaging';
import { requireSession } from '@/lib/auth';
import { may } from '@/lib/permissions';

export const metadata: Metadata = { title: 'Dead letter · Messaging' };

export default async function DeadLetterPage({
  params,
}: PageProps<'/messaging/dead-letters/[id]'>) {
  const session = await requireSession();
  const { id } = await params;
  const [letter, topics] = await Promise.all([getDeadLetter(session, id), listTopics(session)]);
  if (!letter.ok) {
    return <ServiceUnavailable service="messaging" problem={letter.problem} />;
  }
  const schema = topics.ok
    ? topics.data.find((topic) => topic.name === letter.data.topic)?.schema
    : undefined;
  const mayManage = may(session.role, 'messaging.deadLetters.manage');
  return (
    <>
      <Section id="dead-letter" title={`Dead letter ${letter.data.id}`}>
        <DeadLetterFacts letter={letter.data} />
      </Section>
      {mayManage ? (
        // Kept for resolved letters too: what the last action said stays on the page.
        <Section id="actions" title="Actions">
          <DeadLetterActions
            id={letter.data.id}
            status={letter.data.status}
            subscription={letter.data.subscription}
            payload={letter.data.payload}
            schema={schema}
          />
        </Section>
      ) : letter.data.status === 'dead' ? (
        <Section id="actions" title="Actions">
          <div role="alert" data-testid="admin-only">
            <Callout title="For admins only" color="amber">
              Only admins may replay, edit and resend or discard dead letters. Ask an admin if this
              event should be delivered again.
            </Callout>
          </div>
        </Section>
      ) : null}
      <Section id="contents" title="Payload and headers">
        <DeadLetterContents letter={letter.data} />
      </Section>
      <Section id="attempts" title={`Attempts (${letter.data.attempts.length})`}>
        <DeadLetterAttempts letter={letter.data} />
      </Section>
    </>
  );
}
