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

/** Whether a gray rule reaches an instance; the center and the admin both decide with this. */
export function matchesGray(rule: GrayRule, instance: InstanceIdentity): boolean {
  if (rule.percentage !== undefined && grayBucket(instance.instanceId) < rule.percentage) {
    return true;
  }
  const wanted = Object.entries(rule.labels ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => instance.labels[key] === value);
}
