import { createRouter } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { registerDeregister } from './deregister.ts';
import { registerHeartbeat } from './heartbeat.ts';
import { registerListInstances } from './list-instances.ts';
import { registerListServices } from './list-services.ts';
import { registerPrometheusSd } from './prometheus-sd.ts';
import { registerRegisterInstance } from './register.ts';
import { registerWatchInstances } from './watch.ts';

/** The registry API under `/v1/registry`; mount with `app.route('/', createRegistryRouter())`. */
export function createRegistryRouter() {
  const router = createRouter<RegistryDeps>();
  registerRegisterInstance(router);
  registerHeartbeat(router);
  registerDeregister(router);
  registerListServices(router);
  registerListInstances(router);
  registerWatchInstances(router);
  registerPrometheusSd(router);
  return router;
}
