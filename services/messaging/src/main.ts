import { runOnNode } from '@trellis/kit/node';
import { messagingNodeService } from './node-service.ts';

await runOnNode(messagingNodeService);
