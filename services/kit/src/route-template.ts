import type { Context } from 'hono';
import { routePath } from 'hono/route';

/** OpenAPI-style route template (`/v1/users/{id}`) of the route that answers, if any. */
export function routeTemplate(c: Context): string {
  const path = routePath(c, -1);
  if (!path || path === '*' || path === '/*') {
    return 'unmatched';
  }
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
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
