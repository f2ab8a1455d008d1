import { runOnNode } from '@trellis/kit/node';
import { meetingsService } from './service.ts';

await runOnNode(meetingsService);
