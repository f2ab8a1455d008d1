import { runOnNode } from '@trellis/kit/node';
import { usersService } from './service.ts';

await runOnNode(usersService);
