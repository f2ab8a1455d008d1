import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { issueServiceToken } from '@trellis/kit';

/**
 * Issues a service token signed with SERVICE_TOKEN_SECRET, for clients that cannot make their
 * own, such as Prometheus reading the registry's http_sd endpoint:
 *
 *   SERVICE_TOKEN_SECRET=… tsx scripts/service-token.ts prometheus --ttl 2592000 --out /tokens/prometheus
 *
 * Without --out the token is printed. The file is world-readable so a container running as
 * another user (Prometheus runs as nobody) can read it from a shared volume.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { ttl: { type: 'string' }, out: { type: 'string' } },
});
const service = positionals[0];
const secret = process.env.SERVICE_TOKEN_SECRET ?? '';
const ttlSeconds = Number(values.ttl ?? 30 * 86_400);
if (!service || !/^[a-z][a-z0-9-]{0,62}$/.test(service)) {
  process.stderr.write('usage: service-token.ts <service> [--ttl seconds] [--out file]\n');
  process.exit(2);
}
if (secret.length < 32) {
  process.stderr.write('SERVICE_TOKEN_SECRET must be set, at least 32 characters\n');
  process.exit(2);
}
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60) {
  process.stderr.write('--ttl must be whole seconds, at least 60\n');
  process.exit(2);
}
const token = await issueServiceToken(new TextEncoder().encode(secret), service, ttlSeconds);
if (values.out) {
  await mkdir(path.dirname(values.out), { recursive: true });
  await writeFile(values.out, token, { mode: 0o644 });
  process.stdout.write(`wrote a ${service} token valid ${ttlSeconds} s to ${values.out}\n`);
} else {
  process.stdout.write(`${token}\n`);
}
