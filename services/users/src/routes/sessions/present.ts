import type { z } from '@trellis/kit';
import type { IssuedSession } from '../../sessions.ts';
import { presentUser } from '../users/present.ts';
import type { SessionSchema } from './schema.ts';

export function presentSession(session: IssuedSession): z.infer<typeof SessionSchema> {
  return { ...session, user: presentUser(session.user) };
}
