import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionLengths } from '../scripts/function-lengths.ts';

const folder = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

describe('the kit and the typed client', () => {
  it('have no function over 100 lines, so each reads on a screen or two', () => {
    const tooLong = functionLengths([folder('services/kit/src'), folder('services/client/src')])
      .filter((fn) => fn.lines > 100)
      .map((fn) => `${fn.file}:${fn.line} ${fn.name} (${fn.lines} lines)`);
    expect(tooLong).toEqual([]);
  });

  it('are measured by the parser: a long function is found, its nested ones too', () => {
    const longest = functionLengths([folder('services/kit/src')])[0];
    expect(longest?.lines).toBeGreaterThan(20);
    expect(longest?.file).toMatch(/services\/kit\/src\/.+\.ts$/);
  });
});
