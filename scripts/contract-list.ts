import { existsSync, readdirSync } from 'node:fs';

const servicesDir = new URL('../services/', import.meta.url);

/** `feature-flags` → `featureFlagsService`: the name a service's declaration is exported as. */
function declarationName(service: string): string {
  return `${service.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())}Service`;
}

/** Every service with an entry and a declaration (`src/main.ts`, `src/service.ts`), by name. */
export const serviceFolders = readdirSync(servicesDir)
  .filter(
    (name) =>
      existsSync(new URL(`${name}/src/main.ts`, servicesDir)) &&
      existsSync(new URL(`${name}/src/service.ts`, servicesDir)),
  )
  .sort();

/** Every service whose OpenAPI document is published, read from its declaration. */
export const contracts: Record<string, () => unknown> = Object.fromEntries(
  await Promise.all(
    serviceFolders.map(async (service) => {
      const module = (await import(
        new URL(`${service}/src/service.ts`, servicesDir).href
      )) as Record<string, { contract(): unknown } | undefined>;
      const declaration = module[declarationName(service)];
      if (!declaration) {
        throw new Error(
          `services/${service}/src/service.ts exports no ${declarationName(service)}`,
        );
      }
      return [service, () => declaration.contract()] as const;
    }),
  ),
);
