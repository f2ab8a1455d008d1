import { Badge, Card } from '@tremor/react';
import type { Topic } from '@/data/messaging';
import { formatRate } from '@/lib/format';

/** Each topic with its version, what it says, its rate and its payload's JSON Schema. */
export function TopicList({ topics }: { topics: Topic[] }) {
  if (topics.length === 0) {
    return (
      <Card>
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          No topic is declared yet.
        </p>
      </Card>
    );
  }
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {topics.map((topic) => (
        <Card key={topic.name} data-testid={`topic-${topic.name}`}>
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-mono text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
              {topic.name}
            </h3>
            <Badge size="xs">v{topic.version}</Badge>
            {topic.pushable ? (
              <Badge size="xs" color="blue">
                pushed to outside consumers
              </Badge>
            ) : null}
            <span className="ml-auto text-tremor-default tabular-nums text-tremor-content dark:text-dark-tremor-content">
              {formatRate(topic.publishedPerSecond)} published/s
            </span>
          </div>
          <p className="mt-2 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            {topic.description}
          </p>
          <details className="mt-3">
            <summary className="cursor-pointer text-tremor-default font-medium text-tremor-brand dark:text-dark-tremor-brand">
              JSON Schema
            </summary>
            <pre className="mt-2 max-h-96 overflow-auto rounded-tremor-small bg-tremor-background-subtle p-3 text-tremor-label text-tremor-content-strong dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-strong">
              {JSON.stringify(topic.schema, null, 2)}
            </pre>
          </details>
        </Card>
      ))}
    </div>
  );
}
