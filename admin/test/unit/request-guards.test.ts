import { describe, expect, it } from 'vitest';
import { consoleRoleOf, may, refusal } from '../../src/lib/permissions.ts';
import { isCrossSite, servedOverHttps } from '../../src/lib/request-guard.ts';
import { safeNextPath } from '../../src/lib/safe-next.ts';

describe('safeNextPath', () => {
  it.each([
    ['/orders?status=paid', '/orders?status=paid'],
    ['/users/usr_1', '/users/usr_1'],
    [undefined, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login?next=/x', '/'],
    ['orders', '/'],
  ])('turns %s into %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe('isCrossSite', () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it('accepts a request from the host it was sent to', () => {
    expect(isCrossSite(headers({ host: 'admin:3000', origin: 'http://admin:3000' }))).toBe(false);
  });

  it('refuses an Origin naming another host, or an opaque one', () => {
    expect(isCrossSite(headers({ host: 'admin:3000', origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossSite(headers({ host: 'admin:3000', origin: 'null' }))).toBe(true);
  });

  it('falls back to Sec-Fetch-Site when there is no Origin', () => {
    expect(isCrossSite(headers({ host: 'a', 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(isCrossSite(headers({ host: 'a', 'sec-fetch-site': 'same-origin' }))).toBe(false);
  });
});

describe('servedOverHttps', () => {
  it('believes the URL, or the proxy in front that says X-Forwarded-Proto: https', () => {
    expect(servedOverHttps(new Headers(), new URL('https://admin.example/'))).toBe(true);
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'HTTPS, http' }))).toBe(true);
  });

  it('takes anything else for plain http', () => {
    expect(servedOverHttps(new Headers(), new URL('http://127.0.0.1:3000/'))).toBe(false);
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'http' }))).toBe(false);
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'http, https' }))).toBe(false);
  });
});

describe('roles', () => {
  it('gives admins and operators a console role, and members none', () => {
    expect(consoleRoleOf(['member', 'admin'])).toBe('admin');
    expect(consoleRoleOf(['member', 'operator'])).toBe('operator');
    expect(consoleRoleOf(['member'])).toBeUndefined();
  });

  it('keeps suspending, reactivating, granting roles and refunding for admins', () => {
    for (const permission of [
      'users.suspend',
      'users.reactivate',
      'users.grantRoles',
      'orders.refund',
      'apiKeys.manage',
      'audit.read',
    ] as const) {
      expect(may('admin', permission)).toBe(true);
      expect(may('operator', permission)).toBe(false);
    }
    expect(may('operator', 'orders.pay')).toBe(true);
    expect(refusal('orders.refund')).toBe('Only admins may refund orders.');
  });

  it('lets operators edit and publish config, and keeps approving it for admins', () => {
    expect(may('operator', 'config.edit')).toBe(true);
    expect(may('operator', 'config.approve')).toBe(false);
    expect(may('admin', 'config.approve')).toBe(true);
    expect(refusal('config.approve')).toBe('Only admins may approve or reject config changes.');
  });
});
