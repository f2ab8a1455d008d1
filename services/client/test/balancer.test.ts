import { describe, expect, it } from 'vitest';
import { pickWeighted, type WeightedPeer } from '../src/balancer.ts';

function picks(peers: WeightedPeer[], count: number, scores = new Map<string, number>()) {
  return Array.from({ length: count }, () => pickWeighted(peers, scores)?.key);
}

function shares(keys: (string | undefined)[]) {
  const counts: Record<string, number> = {};
  for (const key of keys) {
    counts[key ?? 'none'] = (counts[key ?? 'none'] ?? 0) + 1;
  }
  return counts;
}

describe('pickWeighted (smooth weighted round-robin)', () => {
  it('splits 1:3 weights 25/75', () => {
    const result = picks(
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 3 },
      ],
      1000,
    );
    expect(shares(result)).toEqual({ a: 250, b: 750 });
  });

  it('interleaves rather than sending bursts: 5:1:1 gives nginx’s a a b a c a a', () => {
    const result = picks(
      [
        { key: 'a', weight: 5 },
        { key: 'b', weight: 1 },
        { key: 'c', weight: 1 },
      ],
      7,
    );
    expect(result).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('alternates between equal weights', () => {
    const result = picks(
      [
        { key: 'a', weight: 100 },
        { key: 'b', weight: 100 },
      ],
      6,
    );
    expect(result).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
  });

  it('never picks a weight-0 peer unless every peer has weight 0', () => {
    expect(
      shares(
        picks(
          [
            { key: 'a', weight: 0 },
            { key: 'b', weight: 5 },
          ],
          10,
        ),
      ),
    ).toEqual({ b: 10 });
    expect(
      shares(
        picks(
          [
            { key: 'a', weight: 0 },
            { key: 'b', weight: 0 },
          ],
          10,
        ),
      ),
    ).toEqual({ a: 5, b: 5 });
  });

  it('keeps the rhythm when the peer list changes between picks', () => {
    const scores = new Map<string, number>();
    const two = [
      { key: 'a', weight: 1 },
      { key: 'b', weight: 1 },
    ];
    picks(two, 3, scores);
    const three = [...two, { key: 'c', weight: 2 }];
    expect(shares(picks(three, 400, scores))).toEqual({ a: 100, b: 100, c: 200 });
  });

  it('answers undefined for no peers', () => {
    expect(pickWeighted([], new Map())).toBeUndefined();
  });
});
