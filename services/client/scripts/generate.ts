import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';
import { serviceNames } from '../src/services.ts';

async function readDocument(service: string) {
  const source = new URL(`../../${service}/openapi.json`, import.meta.url);
  return JSON.parse(await readFile(source, 'utf8'));
}

/** Generates the client's types from each service's committed openapi.json. */
export async function generateTypes(service: string): Promise<string> {
  const ast = await openapiTS(await readDocument(service), { alphabetize: true });
  return `// Generated from services/${service}/openapi.json by \`npm run contracts\`. Do not edit.\n\n${astToString(ast)}`;
}

/** Generates the path templates of every service, to name calls that arrive without one. */
export async function generateTemplates(): Promise<string> {
  const templates: Record<string, string[]> = {};
  for (const service of serviceNames) {
    templates[service] = Object.keys((await readDocument(service)).paths ?? {});
  }
  return `// Generated from services/*/openapi.json by \`npm run contracts\`. Do not edit.\n\nexport const pathTemplates = ${JSON.stringify(templates, null, 2)} as const;\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const service of serviceNames) {
    const target = new URL(`../src/generated/${service}.ts`, import.meta.url);
    await writeFile(target, await generateTypes(service));
    process.stdout.write(`generated services/client/src/generated/${service}.ts\n`);
  }
  const templates = new URL('../src/generated/path-templates.ts', import.meta.url);
  await writeFile(templates, await generateTemplates());
  process.stdout.write('generated services/client/src/generated/path-templates.ts\n');
}
