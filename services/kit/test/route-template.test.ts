import { describe, expect, it } from 'vitest';
import { pathParam } from '../src/route-template.ts';

describe('pathParam', () => {
  it('reads a template parameter from a path, decoding it only when escaped', () => {
    expect(pathParam('/v1/ping/{id}', '/v1/ping/p_1', 'id')).toBe('p_1');
    const roles = '/v1/users/{id}/roles/{role}';
    expect(pathParam(roles, '/v1/users/u%201/roles/admin', 'id')).toBe('u 1');
    expect(pathParam(roles, '/v1/users/u1/roles/admin', 'role')).toBe('admin');
  });

  it('answers undefined for a name the template lacks or a path too short', () => {
    expect(pathParam('/v1/x/{id}', '/v1/x/a', 'nope')).toBeUndefined();
    expect(pathParam('/v1/x/{id}', '/v1/x', 'id')).toBeUndefined();
  });
});
