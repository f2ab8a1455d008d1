import type { Metadata } from 'next';
import { TopicList } from '@/components/messaging/topic-list';
import { Section } from '@/components/ui/section';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { listTopics } from '@/data/messaging';
import { requireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Topics · Messaging' };

export default async function TopicsPage() {
  const session = await requireSession();
  const topics = await listTopics(session);
  return (
    <Section
      id="topics"
      title="Topics"
      description="Each topic is declared in code with a schema and a version; publishing checks the payload against it."
    >
      {topics.ok ? (
        <TopicList topics={topics.data} />
      ) : (
        <ServiceUnavailable service="messaging" problem={topics.problem} />
      )}
    </Section>
  );
}
