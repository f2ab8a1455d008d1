import { runOnNode } from '@trellis/kit/node';
import { configService } from './service.ts';

await runOnNode(configService);
