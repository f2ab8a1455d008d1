import { pathTemplates } from './generated/path-templates.ts';
import type { ServiceName } from './services.ts';

interface Pattern {
  template: string;
  /** One per path segment: the literal, or null for a `{param}`. */
  segments: (string | null)[];
}

const compiled = new Map<ServiceName, Pattern[]>();

function patternsOf(service: ServiceName): Pattern[] {
  let patterns = compiled.get(service);
  if (patterns === undefined) {
    patterns = pathTemplates[service].map((template) => ({
      template,
      segments: template.split('/').map((s) => (/^\{[^{}]+\}$/.test(s) ? null : s)),
    }));
    // A literal segment beats a parameter at the same place: `/v1/users/lookup` before `{id}`.
    const rank = (p: Pattern) => p.segments.map((s) => (s === null ? '1' : '0')).join('');
    patterns.sort((a, b) => rank(a).localeCompare(rank(b)));
    compiled.set(service, patterns);
  }
  return patterns;
}

/** The OpenAPI path template of `service` that `path` was built from, e.g. `/v1/users/{id}`. */
export function matchTemplate(service: ServiceName, path: string): string | undefined {
  const segments = path.split('/');
  for (const pattern of patternsOf(service)) {
    if (
      pattern.segments.length === segments.length &&
      pattern.segments.every((s, i) => (s === null ? segments[i] !== '' : s === segments[i]))
    ) {
      return pattern.template;
    }
  }
  return undefined;
}
