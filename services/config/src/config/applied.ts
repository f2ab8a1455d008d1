import type { Database } from '@trellis/db';
import { type NewConfigAppliedRow, type Target, upsertApplied } from './repository.ts';

export interface AppliedReport {
  instanceId: string;
  revision: number;
  status: 'applied' | 'rejected';
  error: string | null;
}

export type RecordApplied = (target: Target, report: AppliedReport, at: Date) => Promise<void>;

interface Pending {
  row: NewConfigAppliedRow;
  done: { resolve(): void; reject(error: unknown): void };
}

/**
 * Records instances' reports with group commit: every instance reports right after a publish,
 * so reports arriving while a write is under way wait for the next one and go in together,
 * one statement and one commit for the lot instead of one each.
 */
export function createAppliedRecorder(db: Database): RecordApplied {
  let queue: Pending[] = [];
  let writing = false;

  const write = async () => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      // The latest report of each instance: a statement may not upsert the same row twice.
      const latest = new Map<string, NewConfigAppliedRow>();
      for (const { row } of batch) {
        latest.set(`${row.namespace}\u0000${row.service}\u0000${row.instanceId}`, row);
      }
      try {
        await upsertApplied(db, [...latest.values()]);
        for (const { done } of batch) {
          done.resolve();
        }
      } catch (error) {
        for (const { done } of batch) {
          done.reject(error);
        }
      }
    }
    writing = false;
  };

  return (target, report, at) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ row: { ...target, ...report, reportedAt: at }, done: { resolve, reject } });
      if (!writing) {
        void write();
      }
    });
}
