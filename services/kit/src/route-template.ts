import type { Context } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';

// Hono route paths are few and fixed, so each is converted once.
const templates = new Map<string, string>();

/** OpenAPI-style route template (`/v1/users/{id}`) of the route that answers, if any. */
export function routeTemplate(c: Context): string {
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

/** The values of a template's `{name}` segments in `path`, e.g. `{ id: 'ord_1' }`. */
export function templateParams(template: string, path: string): Record<string, string> {
  const names = template.split('/');
  const values = path.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name.startsWith('{') && name.endsWith('}') && values[i] !== undefined) {
      params[name.slice(1, -1)] = decodeURIComponent(values[i] as string);
    }
  }
  return params;
}
