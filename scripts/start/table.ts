import { paint } from './terminal.ts';

/** Plain-text columns, padded to the widest cell; the first row is the header. */
export function renderTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows
    .map((row, index) => {
      const line = row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd();
      return index === 0 ? paint('bold', line) : line;
    })
    .join('\n');
}

export interface Summary {
  services: { name: string; url: string }[];
  admin: { url: string } | undefined;
  skipped: string[];
  database: { url: string; origin: string };
  redis: { url: string; origin: string };
  login: { email: string; password: string } | undefined;
  otherLogins: { email: string; password: string }[];
  /** Where the metrics token can be read, for the metrics column. */
  metricsTokenFrom: string;
  startedInMs: number;
}

/** What `npm start` prints once everything answers: where each service is and how to sign in. */
export function renderSummary(summary: Summary): string {
  const serviceRows = summary.services.map(({ name, url }) => [
    name,
    url,
    `${url}/docs`,
    `${url}/openapi.json`,
    `${url}/metrics`,
  ]);
  const lines = [
    '',
    paint('green', `Trellis is up (${(summary.startedInMs / 1000).toFixed(1)} s).`),
    '',
    renderTable([['service', 'API', 'docs', 'OpenAPI', 'metrics'], ...serviceRows]),
    '',
    renderTable([
      ['platform', 'URL', 'from'],
      ['postgres', summary.database.url, summary.database.origin],
      ['redis', summary.redis.url, summary.redis.origin],
    ]),
  ];
  if (summary.skipped.length > 0) {
    lines.push('', paint('yellow', `Not started (no entry yet): ${summary.skipped.join(', ')}`));
  }
  if (summary.admin) {
    lines.push('', `Admin console: ${paint('bold', summary.admin.url)}`);
  }
  if (summary.login) {
    lines.push(
      ...(summary.admin ? [] : ['']),
      `Admin login: ${paint('bold', `${summary.login.email} / ${summary.login.password}`)}`,
      `Also: ${summary.otherLogins.map((l) => `${l.email} / ${l.password}`).join(', ')}`,
    );
  }
  lines.push(
    '',
    `/metrics and /resilience answer the metrics token as a bearer (${summary.metricsTokenFrom}).`,
  );
  // Users directly: the gateway also wants an outside consumer's API key.
  const entry = summary.services.find((s) => s.name === 'users');
  const member = summary.otherLogins.find((login) => login.email.startsWith('member@'));
  if (entry && summary.login && member) {
    const body = JSON.stringify({ email: member.email, password: member.password });
    lines.push(
      `Sign in: curl -s -X POST ${entry.url}/v1/sessions -H 'content-type: application/json' -d '${body}'`,
    );
  }
  lines.push('', 'Press Ctrl-C to stop everything.', '');
  return lines.join('\n');
}
