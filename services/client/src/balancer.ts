export interface WeightedPeer {
  /** Identifies the peer across picks, e.g. its base URL. */
  key: string;
  weight: number;
}

/**
 * nginx's smooth weighted round-robin: every pick adds each peer's weight to its running
 * score, takes the highest and charges it the total. Weights 1:3 give `b a b b` per cycle,
 * interleaved rather than in bursts. `scores` carries the running scores between picks; peers
 * that leave keep no say, peers that join start at zero. Weight 0 peers are never picked
 * unless every peer has weight 0, when all count equally.
 */
export function pickWeighted<T extends WeightedPeer>(
  peers: readonly T[],
  scores: Map<string, number>,
): T | undefined {
  const positive = peers.filter((peer) => peer.weight > 0);
  const candidates = positive.length > 0 ? positive : peers;
  let total = 0;
  let best: T | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const peer of candidates) {
    const weight = positive.length > 0 ? peer.weight : 1;
    const score = (scores.get(peer.key) ?? 0) + weight;
    scores.set(peer.key, score);
    total += weight;
    if (score > bestScore) {
      best = peer;
      bestScore = score;
    }
  }
  if (best) {
    scores.set(best.key, bestScore - total);
  }
  return best;
}
