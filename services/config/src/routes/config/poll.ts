import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { assertOwnIfService, operationsAccess, revealsSecrets } from '../../config/access.ts';
import { type Effective, presentEffective } from '../../config/domain.ts';
import { parseLabels } from '../../config/gray.ts';
import { openWatch, readEffective } from '../../config/watch.ts';
import type { ConfigDeps } from '../../deps.ts';
import { EffectiveSchema, PollQuerySchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const pollRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/poll',
  operationId: 'config.poll',
  tags: ['config'],
  summary: "Long-poll an instance's effective config",
  description:
    'The fallback for clients that cannot hold a stream: answers at once when the instance should run a revision newer than `afterRevision`, else waits up to `timeoutMs` for one and answers 304. Who may read it as `config.getEffective` says.',
  access: operationsAccess,
  request: { params: TargetParamsSchema, query: PollQuerySchema },
  responses: {
    200: jsonResponse(EffectiveSchema, 'The effective config, newer than `afterRevision`.'),
    304: { description: 'Nothing newer within the timeout; poll again.' },
    ...errorResponses('not_found'),
  },
});

export function registerPoll(app: ServiceApp<ConfigDeps>) {
  app.openapi(pollRoute, async (c) => {
    assertOwnIfService(c.get('grant'), c.req.valid('param').service);
    const { deps, caller, target } = await openTarget(c);
    const { instanceId, labels, afterRevision, timeoutMs } = c.req.valid('query');
    const instance = { instanceId, labels: parseLabels(labels) };
    const reveal = revealsSecrets(caller, target.service);
    c.header('cache-control', 'no-store');
    if (afterRevision === undefined) {
      const effective = await readEffective(deps, target, instance);
      return c.json(presentEffective(effective, reveal), 200);
    }
    let settle: (effective: Effective | undefined) => void = () => {};
    const outcome = new Promise<Effective | undefined>((resolve) => {
      settle = resolve;
    });
    const session = await openWatch(
      deps,
      { ...target, instance, afterRevision },
      (effective) => settle(effective),
      () => settle(undefined),
    );
    const newest = session.initial.at(-1);
    if (newest) {
      session.close();
      return c.json(presentEffective(newest, reveal), 200);
    }
    const timer = setTimeout(() => settle(undefined), timeoutMs);
    const abandon = () => settle(undefined);
    c.req.raw.signal.addEventListener('abort', abandon, { once: true });
    const effective = await outcome;
    clearTimeout(timer);
    c.req.raw.signal.removeEventListener('abort', abandon);
    session.close();
    if (!effective) {
      return c.body(null, 304);
    }
    return c.json(presentEffective(effective, reveal), 200);
  });
}
