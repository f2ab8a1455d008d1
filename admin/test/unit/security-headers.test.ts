import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, fixedSecurityHeaders } from '../../src/lib/security-headers.ts';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('the content security policy', () => {
  it('runs only scripts of this origin carrying the nonce, and no framing', () => {
    const policy = directives(
      contentSecurityPolicy('bm9uY2U=', { development: false, https: false }),
    );
    expect(policy.get('script-src')).toBe("'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'self'");
    expect([...policy.values()].join(' ')).not.toMatch(/https?:\/\//);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });

  it('allows eval only for next dev, and upgrades requests only over https', () => {
    expect(
      directives(contentSecurityPolicy('n', { development: true, https: false })).get('script-src'),
    ).toContain("'unsafe-eval'");
    expect(
      directives(contentSecurityPolicy('n', { development: false, https: true })).has(
        'upgrade-insecure-requests',
      ),
    ).toBe(true);
  });

  it('forbids framing and sniffing with the older headers too', () => {
    expect(fixedSecurityHeaders['X-Frame-Options']).toBe('DENY');
    expect(fixedSecurityHeaders['X-Content-Type-Options']).toBe('nosniff');
  });
});
