import type { Logger } from './logger.ts';

/**
 * Work that runs beside the server, such as the registry registration, a config watch or a
 * LISTEN loop: started once the server listens, stopped first on shutdown, before in-flight
 * requests drain.
 */
export interface BackgroundTask {
  start?(): void | Promise<void>;
  stop(): Promise<void>;
}

/** Starts the tasks one by one; a failure is logged and the service keeps serving. */
export async function startBackgroundTasks(
  tasks: readonly BackgroundTask[],
  logger: Logger,
): Promise<void> {
  for (const task of tasks) {
    try {
      await task.start?.();
    } catch (error) {
      logger.error({ err: error }, 'a background task failed to start');
    }
  }
}

/** Stops the tasks together; failures are logged, never thrown, so shutdown goes on. */
export async function stopBackgroundTasks(
  tasks: readonly BackgroundTask[],
  logger: Logger,
): Promise<void> {
  await Promise.all(
    tasks.map((task) =>
      task.stop().catch((error: unknown) => {
        logger.error({ err: error }, 'a background task failed to stop');
      }),
    ),
  );
}
