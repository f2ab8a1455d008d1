import type { Span, SpanContext } from '@opentelemetry/api';

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const zeroTraceId = '0'.repeat(32);
const zeroSpanId = '0'.repeat(16);

/** Reads a W3C `traceparent` header; invalid or all-zero ids are ignored as the spec requires. */
export function parseTraceparent(header: string | null | undefined): SpanContext | undefined {
  const match = header ? traceparentPattern.exec(header.trim().toLowerCase()) : null;
  if (!match) {
    return undefined;
  }
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  if (traceId === zeroTraceId || spanId === zeroSpanId) {
    return undefined;
  }
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true };
}

export function formatTraceparent(context: SpanContext): string {
  const flags = (context.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${context.traceId}-${context.spanId}-${flags}`;
}

// One getRandomValues call per 4 KiB instead of two per request: the call itself, not the
// bytes, is what costs on the hot path.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  let out = '';
  for (let i = poolOffset; i < poolOffset + bytes; i++) {
    out += (pool[i] as number).toString(16).padStart(2, '0');
  }
  poolOffset += bytes;
  return out;
}

export const randomTraceId = () => randomHex(16);
export const randomSpanId = () => randomHex(8);

/**
 * The ids a span goes by: its own when an OpenTelemetry SDK records it; else (the span is a
 * no-op echoing its parent) ours, continuing `remote`'s trace, so logs and outgoing calls still
 * carry one.
 */
export function spanIdsOf(span: Span, remote: SpanContext | undefined): SpanContext {
  if (span.isRecording()) {
    return span.spanContext();
  }
  return {
    traceId: remote?.traceId ?? randomTraceId(),
    spanId: randomSpanId(),
    traceFlags: remote?.traceFlags ?? 0,
  };
}
