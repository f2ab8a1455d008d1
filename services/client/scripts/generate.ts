import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';
import { serviceNames } from '../src/services.ts';

/** Generates the client's types from each service's committed openapi.json. */
export async function generateTypes(service: string): Promise<string> {
  const source = new URL(`../../${service}/openapi.json`, import.meta.url);
  const document = JSON.parse(await readFile(source, 'utf8'));
  const ast = await openapiTS(document, { alphabetize: true });
  return `// Generated from services/${service}/openapi.json by \`npm run contracts\`. Do not edit.\n\n${astToString(ast)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const service of serviceNames) {
    const target = new URL(`../src/generated/${service}.ts`, import.meta.url);
    await writeFile(target, await generateTypes(service));
    process.stdout.write(`generated services/client/src/generated/${service}.ts\n`);
  }
}
