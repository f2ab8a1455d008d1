import type { Context } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';

// Hono route paths are few and fixed, so each is converted once.
const templates = new Map<string, string>();

/**
 * OpenAPI-style route template (`/v1/users/{id}`) of the route that answers, if any; worked out
 * once per request (the inbound guard and the access log both ask).
 */
export function routeTemplate(c: Context): string {
  const known = c.get('route') as string | undefined;
  if (known !== undefined) {
    return known;
  }
  const template = findTemplate(c);
  c.set('route', template);
  return template;
}

function findTemplate(c: Context): string {
  // Every route matching the path is listed in registration order, middleware (method ALL)
  // included; the first bound to a method answers. The last one may not: `/v1/orders/stats`
  // also matches `/v1/orders/:id`, registered after it.
  const path = matchedRoutes(c).find((route) => route.method !== 'ALL')?.path ?? routePath(c, -1);
  if (!path || path === '*' || path === '/*') {
    return 'unmatched';
  }
  let template = templates.get(path);
  if (template === undefined) {
    template = path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
    templates.set(path, template);
  }
  return template;
}

// Where each `{name}` sits in a template's segments, found once per template.
const paramPositions = new Map<string, Map<string, number>>();

/** The value of a template's `{name}` segment in `path` (`ord_1` for `{id}`), if it has one. */
export function pathParam(template: string, path: string, name: string): string | undefined {
  let positions = paramPositions.get(template);
  if (positions === undefined) {
    positions = new Map();
    const segments = template.split('/');
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as string;
      if (segment.startsWith('{') && segment.endsWith('}')) {
        positions.set(segment.slice(1, -1), i);
      }
    }
    paramPositions.set(template, positions);
  }
  const index = positions.get(name);
  if (index === undefined) {
    return undefined;
  }
  // Walk to the segment rather than split the whole path: this runs on every guarded request.
  let start = 0;
  for (let k = 0; k < index; k++) {
    start = path.indexOf('/', start) + 1;
    if (start === 0) {
      return undefined;
    }
  }
  const end = path.indexOf('/', start);
  const value = end === -1 ? path.slice(start) : path.slice(start, end);
  return value.includes('%') ? decodeURIComponent(value) : value;
}
