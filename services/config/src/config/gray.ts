import { ApiError } from '@trellis/kit';

export type { GrayRule, InstanceIdentity } from '@trellis/kit';
export { fnv1a32, grayBucket, matchesGray } from '@trellis/kit';

const labelPart = /^[A-Za-z0-9_.\-/]{1,63}$/;

/** `zone:a,tier:canary` → `{ zone: 'a', tier: 'canary' }`; anything else is a 400 naming `labels`. */
export function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!text) {
    return labels;
  }
  for (const pair of text.split(',')) {
    const [key, value, ...rest] = pair.split(':');
    if (key === undefined || value === undefined || rest.length > 0) {
      throw badLabels(`"${pair}" is not key:value`);
    }
    if (!labelPart.test(key) || !labelPart.test(value)) {
      throw badLabels(`"${pair}" may use only letters, digits and _ . - /`);
    }
    labels[key] = value;
  }
  return labels;
}

/** The query form of labels, for clients: the inverse of `parseLabels`. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}:${value}`)
    .join(',');
}

function badLabels(message: string): ApiError {
  return new ApiError('bad_request', {
    detail: `The labels are malformed: ${message}.`,
    errors: [{ in: 'query', path: 'labels', message }],
  });
}
