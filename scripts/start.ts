import { fileURLToPath } from 'node:url';
import { runPlatform } from './start/platform.ts';
import { isSupervisor, onLauncherGone, runDetached } from './start/supervisor.ts';
import { ignoreOutputErrors } from './start/terminal.ts';

/** `npm start`: the whole platform on this machine; Ctrl-C stops it. See README.md. */
if (!isSupervisor(process.env)) {
  runDetached(fileURLToPath(import.meta.url));
} else {
  ignoreOutputErrors();
  const code = await runPlatform(process.env, (stop) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, stop);
    }
    onLauncherGone(stop);
  });
  process.exit(code);
}
