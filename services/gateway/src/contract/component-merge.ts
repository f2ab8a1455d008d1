import { isDeepStrictEqual } from 'node:util';
import {
  type OpenApiDocument,
  type RoutedService,
  routedServices,
  type UpstreamDocuments,
} from './upstream-documents.ts';

/** Per service, `schemas/Problem` → the name it has in the merged document, where renamed. */
export type Renames = Record<RoutedService, Map<string, string>>;

type Components = Record<string, Record<string, unknown>>;

const refPattern = /^#\/components\/([^/]+)\/(.+)$/;

/** `value` with every `$ref` to a renamed component pointing at its new name. */
export function rewriteRefs<T>(value: T, renames: Map<string, string>): T {
  if (renames.size === 0) {
    return value;
  }
  return JSON.parse(JSON.stringify(value), (key, item: unknown) => {
    if (key !== '$ref' || typeof item !== 'string') {
      return item;
    }
    const match = refPattern.exec(item);
    const renamed = match ? renames.get(`${match[1]}/${match[2]}`) : undefined;
    return renamed === undefined ? item : `#/components/${match?.[1]}/${renamed}`;
  }) as T;
}

function pascal(service: string): string {
  return `${service[0]?.toUpperCase()}${service.slice(1)}`;
}

/** Every component but the security schemes, which the gateway declares itself. */
function componentsOf(document: OpenApiDocument): [string, string, unknown][] {
  return Object.entries(document.components ?? {}).flatMap(([section, entries]) =>
    section === 'securitySchemes'
      ? []
      : Object.entries(entries).map(([name, value]): [string, string, unknown] => [
          section,
          name,
          value,
        ]),
  );
}

/**
 * One pass: lays the components of each service in turn into `merged`, renaming (to
 * `OrdersThing`) any whose name is taken by a different definition. Answers whether it renamed.
 */
function mergePass(documents: UpstreamDocuments, renames: Renames, merged: Components): boolean {
  let renamed = false;
  for (const service of routedServices) {
    const own = renames[service];
    for (const [section, name, value] of componentsOf(documents[service])) {
      const key = `${section}/${name}`;
      const target = own.get(key) ?? name;
      const content = rewriteRefs(value, own);
      merged[section] ??= {};
      const taken = merged[section][target];
      if (taken === undefined) {
        merged[section][target] = content;
      } else if (!isDeepStrictEqual(taken, content)) {
        if (own.has(key)) {
          throw new Error(`components/${section}/${target} is defined twice in the merge`);
        }
        own.set(key, `${pascal(service)}${name}`);
        renamed = true;
      }
    }
  }
  return renamed;
}

/**
 * The components of every routed service in one set: a name the services define alike (the
 * kit's `Problem`) is kept once; a name they define differently is prefixed with the service
 * for all but the first (`OrdersThing`). A rename changes what refers to it, so this repeats
 * until nothing more is renamed.
 */
export function mergeComponents(documents: UpstreamDocuments): {
  components: Components;
  renames: Renames;
} {
  const renames = Object.fromEntries(
    routedServices.map((service) => [service, new Map<string, string>()]),
  ) as Renames;
  for (;;) {
    const components: Components = {};
    if (!mergePass(documents, renames, components)) {
      return { components, renames };
    }
  }
}
