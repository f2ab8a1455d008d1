import 'server-only';
import type { ConfigComponents } from '@trellis/client';
import { type Outcome, outcomeOf } from '@/lib/problem';
import { asOperator, type Caller, serviceClient } from '@/lib/services';

type Schemas = ConfigComponents['schemas'];
export type ConfigNamespace = Schemas['ConfigNamespace'];
export type ConfigServiceState = Schemas['ConfigServiceState'];
export type ConfigSchema = Schemas['ConfigSchema'];
export type ConfigDraft = Schemas['ConfigDraft'];
export type ConfigDiff = Schemas['ConfigDiff'];
export type ConfigDiffEntry = Schemas['ConfigDiffEntry'];
export type ConfigRelease = Schemas['ConfigRelease'];
export type ConfigReleasePage = Schemas['ConfigReleasePage'];
export type ConfigChangeRequest = Schemas['ConfigChangeRequest'];
export type ConfigAuditPage = Schemas['ConfigAuditPage'];
export type ConfigAuditEntry = Schemas['ConfigAuditEntry'];
export type ConfigInstanceStatus = Schemas['ConfigInstanceStatus'];
export type GrayRule = Schemas['GrayRule'];

/** The namespace × service a config page is about. */
export interface ConfigTarget {
  namespace: string;
  service: string;
}

const config = () => serviceClient('config');

export async function listNamespaces(caller: Caller): Promise<Outcome<ConfigNamespace[]>> {
  const answer = await outcomeOf(
    config().GET('/v1/config/namespaces', { headers: asOperator(caller) }),
  );
  return answer.ok ? { ok: true, data: answer.data.items } : answer;
}

export async function listConfigServices(
  caller: Caller,
  namespace: string,
): Promise<Outcome<ConfigServiceState[]>> {
  const answer = await outcomeOf(
    config().GET('/v1/config/{namespace}/services', {
      params: { path: { namespace } },
      headers: asOperator(caller),
    }),
  );
  return answer.ok ? { ok: true, data: answer.data.items } : answer;
}

/** A namespace with the state of each of its services. */
export interface NamespaceOverview {
  namespace: ConfigNamespace;
  services: Outcome<ConfigServiceState[]>;
}

export async function configOverview(caller: Caller): Promise<Outcome<NamespaceOverview[]>> {
  const namespaces = await listNamespaces(caller);
  if (!namespaces.ok) {
    return namespaces;
  }
  return {
    ok: true,
    data: await Promise.all(
      namespaces.data.map(async (namespace) => ({
        namespace,
        services: await listConfigServices(caller, namespace.name),
      })),
    ),
  };
}

export function getConfigSchema(caller: Caller, service: string): Promise<Outcome<ConfigSchema>> {
  return outcomeOf(
    config().GET('/v1/config/schemas/{service}', {
      params: { path: { service } },
      headers: asOperator(caller),
    }),
  );
}

export function getDraft(caller: Caller, target: ConfigTarget): Promise<Outcome<ConfigDraft>> {
  return outcomeOf(
    config().GET('/v1/config/{namespace}/{service}/draft', {
      params: { path: target },
      headers: asOperator(caller),
    }),
  );
}

export function diffDraft(caller: Caller, target: ConfigTarget): Promise<Outcome<ConfigDiff>> {
  return outcomeOf(
    config().GET('/v1/config/{namespace}/{service}/draft/diff', {
      params: { path: target },
      headers: asOperator(caller),
    }),
  );
}

export function listReleases(
  caller: Caller,
  target: ConfigTarget,
  page: { cursor?: string | undefined; limit?: number } = {},
): Promise<Outcome<ConfigReleasePage>> {
  return outcomeOf(
    config().GET('/v1/config/{namespace}/{service}/releases', {
      params: {
        path: target,
        query: { limit: page.limit ?? 20, ...(page.cursor ? { cursor: page.cursor } : {}) },
      },
      headers: asOperator(caller),
    }),
  );
}

export function diffReleases(
  caller: Caller,
  target: ConfigTarget,
  from: number,
  to: number,
): Promise<Outcome<ConfigDiff>> {
  return outcomeOf(
    config().GET('/v1/config/{namespace}/{service}/diff', {
      params: { path: target, query: { from, to } },
      headers: asOperator(caller),
    }),
  );
}

export async function listPendingChangeRequests(
  caller: Caller,
  target: ConfigTarget,
): Promise<Outcome<ConfigChangeRequest[]>> {
  const answer = await outcomeOf(
    config().GET('/v1/config/{namespace}/{service}/change-requests', {
      params: { path: target, query: { status: 'pending' } },
      headers: asOperator(caller),
    }),
  );
  return answer.ok ? { ok: true, data: answer.data.items } : answer;
}

export function listAudit(
  caller: Caller,
  target: ConfigTarget,
  cursor: string | undefined,
): Promise<Outcome<ConfigAuditPage>> {
  return outcomeOf(
    config().GET('/v1/config/{namespace}/{service}/audit', {
      params: { path: target, query: { limit: 25, ...(cursor ? { cursor } : {}) } },
      headers: asOperator(caller),
    }),
  );
}

export async function listAppliedByInstance(
  caller: Caller,
  target: ConfigTarget,
): Promise<Outcome<ConfigInstanceStatus[]>> {
  const answer = await outcomeOf(
    config().GET('/v1/config/{namespace}/{service}/instances', {
      params: { path: target },
      headers: asOperator(caller),
    }),
  );
  return answer.ok ? { ok: true, data: answer.data.items } : answer;
}

/** What every page of one namespace × service shows in its header. */
export interface ServiceContext {
  namespaces: ConfigNamespace[];
  namespace: ConfigNamespace;
  /** Absent while the service has neither a schema nor a release in this namespace. */
  state: ConfigServiceState | undefined;
}

export async function serviceContext(
  caller: Caller,
  target: ConfigTarget,
): Promise<Outcome<ServiceContext>> {
  const [namespaces, services] = await Promise.all([
    listNamespaces(caller),
    listConfigServices(caller, target.namespace),
  ]);
  if (!namespaces.ok) {
    return namespaces;
  }
  const namespace = namespaces.data.find((each) => each.name === target.namespace);
  if (!namespace) {
    return {
      ok: false,
      problem: {
        status: 404,
        title: 'Not Found',
        detail: `There is no namespace “${target.namespace}”.`,
        errors: [],
        extensions: {},
      },
    };
  }
  if (!services.ok) {
    return services;
  }
  return {
    ok: true,
    data: {
      namespaces: namespaces.data,
      namespace,
      state: services.data.find((each) => each.service === target.service),
    },
  };
}

export function saveDraftValues(
  caller: Caller,
  target: ConfigTarget,
  values: Record<string, unknown>,
): Promise<Outcome<ConfigDraft>> {
  return outcomeOf(
    config().PUT('/v1/config/{namespace}/{service}/draft', {
      params: { path: target },
      body: { values },
      headers: asOperator(caller),
    }),
  );
}

/** Publishes the saved draft: a release, or in a protected namespace a change request. */
export function publishDraft(
  caller: Caller,
  target: ConfigTarget,
  body: { comment: string; gray?: GrayRule },
): Promise<Outcome<ConfigRelease | ConfigChangeRequest>> {
  return outcomeOf(
    config().POST('/v1/config/{namespace}/{service}/releases', {
      params: { path: target },
      body,
      headers: asOperator(caller),
    }),
  );
}
