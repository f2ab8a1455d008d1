import { ApiError } from '@trellis/kit';

/** Who a running instance is, as far as gray rules care. */
export interface InstanceIdentity {
  instanceId: string;
  labels: Record<string, string>;
}

/** A gray release goes to a stable share of instances, to instances with labels, or both. */
export interface GrayRule {
  /** 0–100: instances whose `fnv1a32(instanceId) % 100` is below it. */
  percentage?: number;
  /** Instances carrying every one of these labels. */
  labels?: Record<string, string>;
}

const encoder = new TextEncoder();

/** 32-bit FNV-1a over the UTF-8 bytes: stable across processes, runtimes and restarts. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The instance's bucket 0–99; a gray release at p% reaches buckets below p. */
export function grayBucket(instanceId: string): number {
  return fnv1a32(instanceId) % 100;
}

export function matchesGray(rule: GrayRule, instance: InstanceIdentity): boolean {
  if (rule.percentage !== undefined && grayBucket(instance.instanceId) < rule.percentage) {
    return true;
  }
  const wanted = Object.entries(rule.labels ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => instance.labels[key] === value);
}

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
