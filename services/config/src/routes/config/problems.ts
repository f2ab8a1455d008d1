import { z } from '@trellis/kit';
import { RevisionSchema } from './schema.ts';

/** What a 409 of a publish refused while a gray release is live carries (see `GrayReleaseLive`). */
export const GrayReleaseLiveExtensions = {
  grayRevision: RevisionSchema.openapi({
    description: 'The live gray release; promote or abandon it first.',
    example: 5,
  }),
};

/** What a 409 of a change request already decided carries (see `ChangeRequestDecided`). */
export const ChangeRequestDecidedExtensions = {
  currentStatus: z.enum(['approved', 'rejected', 'withdrawn', 'decided']).openapi({
    description:
      'What became of the request; `decided` when another decision won a race with this one.',
    example: 'approved',
  }),
};
