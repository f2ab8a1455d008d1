import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServiceNames, serviceFiles } from './service-template.ts';

const root = new URL('../', import.meta.url);
const rootPath = fileURLToPath(root);

/** Ports DESIGN.md gives the services still to come and the admin; never handed out here. */
const plannedPorts = [3000, 4000, 4120, 4130, 4140, 4150];
const reservedNames = new Set(['kit', 'client', 'db', 'admin']);

function fail(message: string): never {
  console.error(`new-service: ${message}`);
  process.exit(1);
}

function namesOf(name: string, port: number): ServiceNames {
  const camel = name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  return { name, camel, pascal: camel[0]?.toUpperCase() + camel.slice(1), port };
}

/** The lowest port from 4101 up that no service's env schema and no planned service takes. */
async function nextFreePort(): Promise<number> {
  const taken = new Set(plannedPorts);
  for (const service of await readdir(new URL('services/', root))) {
    const envFile = new URL(`services/${service}/src/env.ts`, root);
    if (!existsSync(envFile)) {
      continue;
    }
    const text = await readFile(envFile, 'utf8');
    for (const match of text.matchAll(/(?:serviceEnvSchema\(|portSchema\.default\()\s*([\d_]+)/g)) {
      taken.add(Number(match[1]?.replaceAll('_', '')));
    }
  }
  let port = 4101;
  while (taken.has(port)) {
    port++;
  }
  return port;
}

async function writeService(folder: URL, names: ServiceNames): Promise<void> {
  for (const [path, text] of Object.entries(serviceFiles(names))) {
    const file = new URL(path, folder);
    await mkdir(dirname(fileURLToPath(file)), { recursive: true });
    await writeFile(file, text);
  }
}

/** The workspace link `npm install` would make, so the package resolves at once. */
async function linkWorkspace(name: string): Promise<void> {
  const link = new URL(`node_modules/@trellis/${name}`, root);
  if (!existsSync(link)) {
    await symlink(`../../services/${name}`, link, 'dir');
  }
}

/** A row in the README's table of services, after the last one. */
async function addReadmeRow(names: ServiceNames): Promise<void> {
  const readme = new URL('README.md', root);
  const lines = (await readFile(readme, 'utf8')).split('\n');
  const last = lines.findLastIndex((line) => line.startsWith('| `services/'));
  if (last === -1) {
    console.warn('README.md has no table of services; add the row yourself');
    return;
  }
  const row = `| \`services/${names.name}/\` | the ${names.name} service | ${names.port} |`;
  lines.splice(last + 1, 0, row);
  await writeFile(readme, lines.join('\n'));
}

async function writeContract(name: string): Promise<void> {
  const { contracts } = await import('./contract-list.ts');
  const build = contracts[name];
  if (!build) {
    fail(`the contract list did not pick services/${name} up`);
  }
  const file = new URL(`services/${name}/openapi.json`, root);
  await writeFile(file, `${JSON.stringify(build(), null, 2)}\n`);
}

const name = process.argv[2] ?? fail('usage: npm run new-service <name>, e.g. feature-flags');
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
  fail(`"${name}" must be lowercase letters and digits, words joined by dashes`);
}
const folder = new URL(`services/${name}/`, root);
if (reservedNames.has(name) || existsSync(folder)) {
  fail(`services/${name} exists or is taken`);
}
const names = namesOf(name, await nextFreePort());
await writeService(folder, names);
await linkWorkspace(name);
await writeContract(name);
await addReadmeRow(names);
// The local Biome lays the files and the README table out exactly as `biome check` wants them.
execFileSync('npx', ['biome', 'check', '--write', `services/${name}`, 'README.md'], {
  cwd: rootPath,
  stdio: 'inherit',
});
// Records the workspace in the lockfile; no network, nothing installed.
execFileSync(
  'npm',
  ['install', '--package-lock-only', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'],
  { cwd: rootPath, stdio: 'inherit' },
);
console.log(`services/${name}: @trellis/${name} on port ${names.port}
  npx vitest run services/${name}    its tests
  npm run start -w @trellis/${name}  on Node (DATABASE_URL set)
  replace routes/greetings with the service's own routes, then npm run contracts`);
