import { writeFile } from 'node:fs/promises';
import { contracts } from './contract-list.ts';

/** The gateway's document merges the others' committed ones, so it is written after them. */
const mergedLast = (service: string) => (service === 'gateway' ? 1 : 0);

/** Writes each service's OpenAPI document next to it; CI fails when they drift from the code. */
for (const [service, build] of Object.entries(contracts).sort(
  ([a], [b]) => mergedLast(a) - mergedLast(b),
)) {
  const file = new URL(`../services/${service}/openapi.json`, import.meta.url);
  await writeFile(file, `${JSON.stringify(build(), null, 2)}\n`);
  console.log(`wrote services/${service}/openapi.json`);
}
