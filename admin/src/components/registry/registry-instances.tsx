import { Badge, Card, TableCell, TableRow } from '@tremor/react';
import { DataTable } from '@/components/ui/data-table';
import type { RegisteredService } from '@/data/registry';
import { formatDuration } from '@/lib/format';

function AppliedConfig({ instance }: { instance: RegisteredService['instances'][number] }) {
  const { config } = instance;
  if (!config) {
    return (
      <span className="text-tremor-content-subtle dark:text-dark-tremor-content-subtle">–</span>
    );
  }
  return (
    <div>
      <div className="flex flex-wrap items-center gap-1">
        <span className="tabular-nums">
          <span data-testid={`registry-namespace-${instance.instanceId}`}>{config.namespace}</span>{' '}
          {config.revision === 0 ? 'defaults' : `r${config.revision}`}
        </span>
        {config.status === 'applied' ? (
          <Badge color="emerald">Applied</Badge>
        ) : (
          <Badge color="rose">Rejected</Badge>
        )}
      </div>
      {config.error ? (
        <p className="mt-1 max-w-xs whitespace-normal text-tremor-label text-rose-700 dark:text-rose-400">
          {config.error}
        </p>
      ) : null}
    </div>
  );
}

/** Instances grouped by the namespace whose config they watch; those yet to say, last. */
function byNamespace(instances: RegisteredService['instances']) {
  const key = (instance: RegisteredService['instances'][number]) =>
    `${instance.config ? `0${instance.config.namespace}` : '1'}/${instance.instanceId}`;
  return [...instances].sort((a, b) => key(a).localeCompare(key(b)));
}

/** One service's instances as the registry lists them, with the config each applied. */
export function RegistryInstances({ service, now }: { service: RegisteredService; now: number }) {
  return (
    <section
      aria-labelledby={`registry-${service.service}`}
      data-testid={`registry-${service.service}`}
    >
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2
          id={`registry-${service.service}`}
          className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong"
        >
          {service.service}
        </h2>
        <span className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          {service.healthy} healthy of {service.total} seen in the last minutes
        </span>
        {service.protectionActive ? (
          <Badge color="amber">Protection on: expired instances stay listed</Badge>
        ) : null}
      </div>
      <Card className="p-0">
        {service.instances.length === 0 ? (
          <p className="p-6 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            No healthy instance right now.
          </p>
        ) : (
          <DataTable
            columns={[
              'Instance',
              'Health',
              'Version',
              'Labels',
              { label: 'Weight', numeric: true },
              'Last heartbeat (UTC)',
              'Config',
            ]}
          >
            {byNamespace(service.instances).map((instance) => {
              const age = Math.max(0, (now - Date.parse(instance.lastHeartbeatAt)) / 1000);
              const labels = Object.entries(instance.labels);
              return (
                <TableRow
                  key={instance.instanceId}
                  data-testid={`registry-instance-${instance.instanceId}`}
                >
                  <TableCell>
                    <div className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                      {instance.instanceId}
                    </div>
                    <div className="text-tremor-label">{instance.address}</div>
                  </TableCell>
                  <TableCell>
                    {instance.healthy ? (
                      <Badge color="emerald">Healthy</Badge>
                    ) : (
                      <Badge color="rose">Expired</Badge>
                    )}
                  </TableCell>
                  <TableCell>{instance.version}</TableCell>
                  <TableCell className="whitespace-normal">
                    {labels.length === 0 ? (
                      '–'
                    ) : (
                      <div className="flex max-w-xs flex-wrap gap-1">
                        {labels.map(([key, value]) => (
                          <Badge key={key} color="gray">
                            {key}: {value}
                          </Badge>
                        ))}
                      </div>
                    )}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{instance.weight}</TableCell>
                  <TableCell>
                    <div className="tabular-nums">{instance.lastHeartbeatAt.slice(11, 19)}</div>
                    <div className="text-tremor-label">
                      {formatDuration(age)} ago · TTL {instance.ttlSeconds} s
                    </div>
                  </TableCell>
                  <TableCell>
                    <AppliedConfig instance={instance} />
                  </TableCell>
                </TableRow>
              );
            })}
          </DataTable>
        )}
      </Card>
    </section>
  );
}
