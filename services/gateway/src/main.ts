import { runOnNode } from '@trellis/kit/node';
import { gatewayService } from './service.ts';

await runOnNode(gatewayService);
