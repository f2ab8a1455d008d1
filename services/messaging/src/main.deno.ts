// Deno entry: the same app as main.ts, served by Deno.serve.
import { runOnDeno } from '@trellis/kit/deno';
import { messagingService } from './service.ts';

await runOnDeno(messagingService);
