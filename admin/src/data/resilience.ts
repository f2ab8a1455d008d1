import 'server-only';
import type { Problem } from '@/lib/problem';
import type { InstanceAnswer, ResilienceService } from '@/lib/resilience';
import { parseResilienceView } from '@/lib/resilience-view';
import { asMetricsReader, type Caller, serviceUrl } from '@/lib/services';
import { describeFailure, getJson } from './platform';
import { appliedByInstance, listRegistryInstances } from './registry';

/** An instance asked for its view that did not give one. */
export interface InstanceFailure {
  instance: string;
  address: string;
  reason: string;
}

/** A registered instance the page does not read, since it watches another namespace or none. */
export interface InstanceElsewhere {
  instance: string;
  /** The namespace it watches; undefined while it has reported no config at all. */
  namespace: string | undefined;
}

export interface ResilienceReading {
  answered: InstanceAnswer[];
  failed: InstanceFailure[];
  /** Registered instances of the service outside the namespace shown. */
  elsewhere: InstanceElsewhere[];
  /** Where the addresses came from: the registry, or the URL the console is configured with. */
  source: 'registry' | 'configured';
  /** Why the registry could not be read, when it could not. */
  registryProblem?: Problem;
}

interface Target {
  /** The registered instance id; unknown for the configured URL until it answers. */
  instance?: string;
  address: string;
}

/**
 * The registered instances that watch the namespace's config, each at its own address: an
 * instance's namespace is the one its newest config report is in.
 */
async function targetsOf(
  caller: Caller,
  service: ResilienceService,
  namespace: string,
): Promise<{ targets: Target[]; elsewhere: InstanceElsewhere[]; registryProblem?: Problem }> {
  const [registered, applied] = await Promise.all([
    listRegistryInstances(caller, service),
    appliedByInstance(caller, [service]),
  ]);
  if (registered.ok && registered.data.length > 0) {
    const targets: Target[] = [];
    const elsewhere: InstanceElsewhere[] = [];
    for (const each of registered.data) {
      const watched = applied.get(each.instanceId)?.namespace;
      if (watched === namespace) {
        targets.push({ instance: each.instanceId, address: each.address });
      } else {
        elsewhere.push({ instance: each.instanceId, namespace: watched });
      }
    }
    return { targets, elsewhere };
  }
  return {
    targets: [{ address: serviceUrl(service) }],
    elsewhere: [],
    ...(registered.ok ? {} : { registryProblem: registered.problem }),
  };
}

async function ask(
  target: Target,
): Promise<{ ok: true; answer: InstanceAnswer } | { ok: false; failure: InstanceFailure }> {
  const fallbackName = target.instance ?? target.address;
  const fail = (reason: string) => ({
    ok: false as const,
    failure: { instance: fallbackName, address: target.address, reason },
  });
  try {
    const { status, body } = await getJson(
      `${target.address}/resilience?seconds=300`,
      asMetricsReader(),
    );
    if (status === 404) {
      return fail('has no /resilience endpoint (404): its kit predates the resilience engine');
    }
    if (status !== 200) {
      return fail(`answered ${status}`);
    }
    const parsed = parseResilienceView(body);
    if (!parsed.ok) {
      return fail(parsed.reason);
    }
    return {
      ok: true,
      answer: {
        instance: target.instance ?? (parsed.view.instance || fallbackName),
        address: target.address,
        view: parsed.view,
      },
    };
  } catch (error) {
    return fail(describeFailure(error));
  }
}

/**
 * The view of every instance of a service in a namespace: each registered instance that
 * watches it, at its own address, or the configured URL while the registry lists none (or
 * cannot be read).
 */
export async function readResilience(
  caller: Caller,
  service: ResilienceService,
  namespace: string,
): Promise<ResilienceReading> {
  const { targets, elsewhere, registryProblem } = await targetsOf(caller, service, namespace);
  const results = await Promise.all(targets.map(ask));
  const reading: ResilienceReading = {
    answered: [],
    failed: [],
    elsewhere,
    source:
      targets.length === 0 || targets.some((target) => target.instance) ? 'registry' : 'configured',
    ...(registryProblem ? { registryProblem } : {}),
  };
  for (const result of results) {
    if (result.ok) {
      reading.answered.push(result.answer);
    } else {
      reading.failed.push(result.failure);
    }
  }
  return reading;
}
