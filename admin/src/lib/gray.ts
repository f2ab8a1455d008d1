/** Gray rules in the console: matched exactly as the config center matches them. */
export { matchesGray } from '@trellis/kit';

import type { GrayRule } from '@trellis/kit';

export type GrayRuleLike = GrayRule;

export function describeGrayRule(rule: GrayRuleLike): string {
  const parts: string[] = [];
  if (rule.percentage !== undefined) {
    parts.push(`${rule.percentage} % of instances`);
  }
  const labels = Object.entries(rule.labels ?? {});
  if (labels.length > 0) {
    parts.push(`instances labelled ${labels.map(([key, value]) => `${key}: ${value}`).join(', ')}`);
  }
  return parts.join(' or ');
}
