import { boundedInt, boundedIntParam, CursorSchema, LimitSchema, z } from '@trellis/kit';

const nameRule = /^[a-z][a-z0-9-]{0,62}$/;
const nameMessage = 'must be lowercase letters, digits and dashes, starting with a letter';

export const NamespaceNameSchema = z.string().regex(nameRule, nameMessage).openapi({
  description: 'Namespace (environment).',
  example: 'dev',
});

export const ServiceNameSchema = z.string().regex(nameRule, nameMessage).openapi({
  description: 'Service name.',
  example: 'orders',
});

export const RevisionSchema = boundedInt(0).openapi({
  description: 'Release revision; grows by one per release of a namespace × service.',
  example: 3,
});

const TimestampSchema = z.iso.datetime();

export const ConfigValuesSchema = z.record(z.string(), z.unknown()).openapi('ConfigValues', {
  description:
    'One JSON object of config values, as the service schema describes; secret keys show as `••••••`.',
  example: { logLevel: 'info', paymentTimeoutMinutes: 30, stripeKey: '••••••' },
});

export const NamespaceSchema = z
  .object({
    name: NamespaceNameSchema,
    description: z
      .string()
      .openapi({ description: 'What the namespace is for.', example: 'Development' }),
    protected: z.boolean().openapi({
      description: 'Whether publishing needs the approval of a second admin.',
      example: false,
    }),
  })
  .openapi('ConfigNamespace');

export const NamespaceListSchema = z
  .object({ items: z.array(NamespaceSchema).openapi({ description: 'Every namespace.' }) })
  .openapi('ConfigNamespaceList');

const JsonSchemaSchema = z.record(z.string(), z.unknown()).openapi({
  description: 'JSON Schema (draft 2020-12) of the values, as `z.toJSONSchema` emits it.',
  example: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { logLevel: { type: 'string', enum: ['debug', 'info'], default: 'info' } },
    additionalProperties: false,
  },
});

const SecretKeysSchema = z
  .array(z.string().min(1).max(200))
  .max(100)
  .openapi({
    description: 'Top-level keys whose values are secrets: encrypted at rest and masked.',
    example: ['stripeKey'],
  });

export const UploadSchemaSchema = z
  .object({ jsonSchema: JsonSchemaSchema, secretKeys: SecretKeysSchema.default([]) })
  .strict()
  .openapi('UploadConfigSchema');

export const ConfigSchemaSchema = z
  .object({
    service: ServiceNameSchema,
    jsonSchema: JsonSchemaSchema,
    secretKeys: SecretKeysSchema,
    schemaHash: z.string().openapi({
      description: 'SHA-256 of the schema and secret keys, hex.',
      example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    }),
    updatedAt: TimestampSchema.openapi({
      description: 'When the schema was last uploaded (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
  })
  .openapi('ConfigSchema');

const GrayRuleFieldsSchema = z
  .object({
    percentage: z.number().int().min(0).max(100).optional().openapi({
      description: 'Share of instances, 0–100, chosen by a stable hash of the instance id.',
      example: 10,
    }),
    labels: z
      .record(z.string().min(1).max(63), z.string().min(1).max(63))
      .optional()
      .openapi({
        description: 'Instances carrying all of these labels get the gray release.',
        example: { zone: 'a' },
      }),
  })
  .strict()
  .refine((rule) => rule.percentage !== undefined || Object.keys(rule.labels ?? {}).length > 0, {
    message: 'needs a percentage or labels',
  });

export const GrayRuleSchema = GrayRuleFieldsSchema.openapi('GrayRule');

export const ReleaseKindSchema = z.enum(['full', 'gray', 'rollback']).openapi('ReleaseKind', {
  description: 'A full release, a gray release to some instances, or a rollback.',
  example: 'full',
});

export const ServiceStateSchema = z
  .object({
    service: ServiceNameSchema,
    hasSchema: z.boolean().openapi({
      description: 'Whether the service has uploaded its config schema.',
      example: true,
    }),
    liveRevision: RevisionSchema.nullable().openapi({
      description: 'The live full (or rollback) release; null before the first publish.',
      example: 4,
    }),
    latestRevision: RevisionSchema.nullable().openapi({
      description: 'The newest release of any kind.',
      example: 5,
    }),
    gray: z
      .object({ revision: RevisionSchema, rule: GrayRuleSchema })
      .nullable()
      .openapi({
        description: 'The live gray release, if any.',
        example: { revision: 5, rule: { percentage: 10 } },
      }),
    pendingChangeRequests: z.number().int().openapi({
      description: 'Change requests waiting for approval.',
      example: 0,
    }),
    draftUpdatedAt: TimestampSchema.nullable().openapi({
      description: 'When the draft was last saved; null when nobody saved one.',
      example: '2026-11-26T09:30:00.000Z',
    }),
    draftUpdatedBy: z.string().nullable().openapi({
      description: 'Who saved the draft last.',
      example: 'ada@example.com',
    }),
  })
  .openapi('ConfigServiceState');

export const ServiceStateListSchema = z
  .object({
    items: z.array(ServiceStateSchema).openapi({ description: 'Services, by name.' }),
  })
  .openapi('ConfigServiceStateList');

export const DraftSchema = z
  .object({
    namespace: NamespaceNameSchema,
    service: ServiceNameSchema,
    values: ConfigValuesSchema,
    baseRevision: RevisionSchema.openapi({
      description: 'The live revision when the draft was saved.',
      example: 4,
    }),
    updatedBy: z.string().nullable().openapi({
      description: 'Who saved it; null when no draft was saved and this shows the live values.',
      example: 'ada@example.com',
    }),
    updatedAt: TimestampSchema.nullable().openapi({
      description: 'When it was saved.',
      example: '2026-11-26T09:30:00.000Z',
    }),
  })
  .openapi('ConfigDraft');

export const SaveDraftSchema = z
  .object({ values: ConfigValuesSchema })
  .strict()
  .openapi('SaveConfigDraft', {
    description: 'The whole draft. Send a secret back as `••••••` to keep the stored one.',
  });

export const DiffEntrySchema = z
  .object({
    path: z.string().openapi({
      description: 'The changed key, dotted into nested objects.',
      example: 'paymentTimeoutMinutes',
    }),
    op: z.enum(['add', 'remove', 'change']).openapi({
      description: 'Whether the key was added, removed or changed.',
      example: 'change',
    }),
    before: z.unknown().optional().openapi({
      description: 'The old value; absent when added; `••••••` for a secret.',
      example: 30,
    }),
    after: z.unknown().optional().openapi({
      description: 'The new value; absent when removed; `••••••` for a secret.',
      example: 20,
    }),
  })
  .openapi('ConfigDiffEntry');

export const DiffSchema = z
  .object({
    fromRevision: RevisionSchema.nullable().openapi({
      description: 'The older side; 0 for nothing published, null for the draft.',
      example: 3,
    }),
    toRevision: RevisionSchema.nullable().openapi({
      description: 'The newer side; null for the draft.',
      example: null,
    }),
    changes: z.array(DiffEntrySchema).openapi({ description: 'What changed, by key.' }),
  })
  .openapi('ConfigDiff');

const CommentSchema = z.string().trim().max(500).openapi({
  description: 'Why; shown in the history and the audit trail.',
  example: 'Shorter payment window for the sale',
});

export const PublishSchema = z
  .object({ comment: CommentSchema.default(''), gray: GrayRuleSchema.optional() })
  .strict()
  .openapi('PublishConfig');

export const GrayStatusSchema = z
  .object({
    rule: GrayRuleSchema,
    state: z.enum(['live', 'promoted', 'abandoned', 'superseded']).openapi({
      description: 'Live, or how it ended.',
      example: 'live',
    }),
    endedAt: TimestampSchema.nullable().openapi({
      description: 'When it was promoted or abandoned.',
      example: null,
    }),
  })
  .openapi('GrayStatus');

export const ReleaseSchema = z
  .object({
    namespace: NamespaceNameSchema,
    service: ServiceNameSchema,
    revision: RevisionSchema,
    kind: ReleaseKindSchema,
    values: ConfigValuesSchema,
    comment: z.string().openapi({ description: 'The publisher’s comment.', example: 'Sale' }),
    author: z.string().openapi({ description: 'Who published it.', example: 'ada@example.com' }),
    approvedBy: z.string().nullable().openapi({
      description: 'Who approved it, in a protected namespace.',
      example: null,
    }),
    gray: GrayStatusSchema.nullable().openapi({
      description: 'For gray releases: the rule and state.',
      example: null,
    }),
    rolledBackTo: RevisionSchema.nullable().openapi({
      description: 'For rollbacks: the revision whose values were published again.',
      example: null,
    }),
    createdAt: TimestampSchema.openapi({
      description: 'When it was published (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
  })
  .openapi('ConfigRelease');

export const ReleasePageSchema = z
  .object({
    items: z.array(ReleaseSchema).openapi({ description: 'Releases, newest first.' }),
    nextCursor: z.string().nullable().openapi({
      description: 'Cursor of the next page; null on the last.',
      example: null,
    }),
  })
  .openapi('ConfigReleasePage');

export const ChangeRequestSchema = z
  .object({
    id: z.number().int().openapi({ description: 'Change request id.', example: 7 }),
    namespace: NamespaceNameSchema,
    service: ServiceNameSchema,
    kind: ReleaseKindSchema,
    values: ConfigValuesSchema,
    comment: z.string().openapi({ description: 'The author’s comment.', example: 'Sale' }),
    grayRule: GrayRuleFieldsSchema.nullable().openapi({
      description: 'For a gray release: its rule.',
      example: null,
    }),
    rollbackTo: RevisionSchema.nullable().openapi({
      description: 'For a rollback: the revision to publish again.',
      example: null,
    }),
    author: z.string().openapi({ description: 'Who asked.', example: 'ada@example.com' }),
    status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).openapi({
      description: 'Pending until an admin other than the author decides, or the author withdraws.',
      example: 'pending',
    }),
    decidedBy: z.string().nullable().openapi({
      description: 'Who approved or rejected it.',
      example: null,
    }),
    decidedAt: TimestampSchema.nullable().openapi({
      description: 'When it was decided.',
      example: null,
    }),
    revision: RevisionSchema.nullable().openapi({
      description: 'The release the approval made.',
      example: null,
    }),
    changes: z.array(DiffEntrySchema).openapi({
      description: 'What it would change against the live release now.',
    }),
    createdAt: TimestampSchema.openapi({
      description: 'When it was asked (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
  })
  .openapi('ConfigChangeRequest');

export const ChangeRequestListSchema = z
  .object({
    items: z.array(ChangeRequestSchema).openapi({ description: 'Newest first, at most 100.' }),
  })
  .openapi('ConfigChangeRequestList');

export const DecisionSchema = z
  .object({ comment: CommentSchema.default('') })
  .strict()
  .openapi('ConfigDecision');

export const RollbackSchema = z
  .object({
    toRevision: RevisionSchema.min(1).openapi({
      description: 'The release whose values to publish again.',
      example: 3,
    }),
    comment: CommentSchema.default(''),
  })
  .strict()
  .openapi('RollbackConfig');

export const GrayActionSchema = z
  .object({ comment: CommentSchema.default('') })
  .strict()
  .openapi('GrayAction');

export const AuditEntrySchema = z
  .object({
    id: z.number().int().openapi({ description: 'Entry id; grows with time.', example: 12 }),
    action: z
      .enum([
        'draft.save',
        'publish',
        'gray',
        'rollback',
        'promote',
        'abandon',
        'request',
        'approve',
        'reject',
        'withdraw',
      ])
      .openapi({ description: 'What was done.', example: 'publish' }),
    actor: z.string().openapi({ description: 'Who did it.', example: 'ada@example.com' }),
    revision: RevisionSchema.nullable().openapi({
      description: 'The release it made, if any.',
      example: 4,
    }),
    changes: z.array(DiffEntrySchema).openapi({ description: 'The change, secrets masked.' }),
    comment: z.string().openapi({ description: 'The comment given.', example: 'Sale' }),
    at: TimestampSchema.openapi({
      description: 'When (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
  })
  .openapi('ConfigAuditEntry');

export const AuditPageSchema = z
  .object({
    items: z.array(AuditEntrySchema).openapi({ description: 'Entries, newest first.' }),
    nextCursor: z.string().nullable().openapi({
      description: 'Cursor of the next page; null on the last.',
      example: null,
    }),
  })
  .openapi('ConfigAuditPage');

export const EffectiveSchema = z
  .object({
    revision: RevisionSchema.openapi({
      description: 'The release this instance runs; 0 for the schema defaults.',
      example: 4,
    }),
    releaseKind: z.enum(['full', 'gray', 'rollback', 'defaults']).openapi({
      description: 'The kind of that release, or `defaults` before any publish.',
      example: 'full',
    }),
    values: ConfigValuesSchema,
  })
  .openapi('EffectiveConfig', {
    description:
      "What one instance runs. Secrets are in clear only for the service's own token, masked for anyone else.",
  });

export const AppliedReportSchema = z
  .object({
    instanceId: z.string().min(1).max(200).openapi({
      description: 'The reporting instance.',
      example: 'orders-3f2a9c1d',
    }),
    revision: RevisionSchema,
    status: z.enum(['applied', 'rejected']).openapi({
      description: 'Whether the instance runs that revision or refused it.',
      example: 'applied',
    }),
    error: z.string().max(2000).optional().openapi({
      description: 'Why it was rejected.',
      example: 'paymentTimeoutMinutes: Too big: expected number to be <=1440',
    }),
  })
  .strict()
  .openapi('ConfigAppliedReport');

export const InstanceStatusSchema = z
  .object({
    instanceId: z.string().openapi({ description: 'The instance.', example: 'orders-3f2a9c1d' }),
    revision: RevisionSchema,
    status: z.enum(['applied', 'rejected']).openapi({
      description: 'What it did with that revision.',
      example: 'applied',
    }),
    error: z.string().nullable().openapi({
      description: 'Why it rejected it.',
      example: null,
    }),
    reportedAt: TimestampSchema.openapi({
      description: 'When it reported (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
  })
  .openapi('ConfigInstanceStatus');

export const InstanceStatusListSchema = z
  .object({
    items: z.array(InstanceStatusSchema).openapi({ description: 'Instances, by id.' }),
  })
  .openapi('ConfigInstanceStatusList');

export const TargetParamsSchema = z.object({
  namespace: NamespaceNameSchema.openapi({ param: { name: 'namespace', in: 'path' } }),
  service: ServiceNameSchema.openapi({ param: { name: 'service', in: 'path' } }),
});

export const NamespaceParamsSchema = TargetParamsSchema.pick({ namespace: true });
export const ServiceParamsSchema = TargetParamsSchema.pick({ service: true });

export const RevisionParamsSchema = TargetParamsSchema.extend({
  revision: boundedIntParam(1).openapi({
    param: { name: 'revision', in: 'path' },
    description: 'Release revision.',
    example: 3,
  }),
});

export const ChangeRequestParamsSchema = TargetParamsSchema.extend({
  id: boundedIntParam(1).openapi({
    param: { name: 'id', in: 'path' },
    description: 'Change request id.',
    example: 7,
  }),
});

export const PageQuerySchema = z.object({ limit: LimitSchema, cursor: CursorSchema });

export const DiffQuerySchema = z.object({
  from: boundedIntParam(0).openapi({
    description: 'The older revision; 0 for nothing.',
    example: 3,
  }),
  to: boundedIntParam(1).openapi({ description: 'The newer revision.', example: 4 }),
});

export const ChangeRequestQuerySchema = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional().openapi({
    description: 'Only requests in this status.',
    example: 'pending',
  }),
});

export const InstanceQuerySchema = z.object({
  instanceId: z.string().min(1).max(200).openapi({
    description: 'The instance asking; gray rules hash it.',
    example: 'orders-3f2a9c1d',
  }),
  labels: z.string().max(1000).optional().openapi({
    description: 'The instance’s labels as `key:value,key:value`.',
    example: 'zone:a,tier:canary',
  }),
});

export const WatchQuerySchema = InstanceQuerySchema.extend({
  afterRevision: boundedIntParam(0).optional().openapi({
    description:
      'Replay from after this revision; the `Last-Event-ID` header wins when both are sent.',
    example: 3,
  }),
});

export const WatchHeadersSchema = z.object({
  'last-event-id': boundedIntParam(0).optional().openapi({
    description: 'The last revision received; the stream replays every later change first.',
    example: '3',
  }),
});

export const PollQuerySchema = InstanceQuerySchema.extend({
  afterRevision: boundedIntParam(0).optional().openapi({
    description: 'The revision the instance runs; the poll answers when there is a newer one.',
    example: 3,
  }),
  timeoutMs: boundedIntParam(0, 60_000).default(30_000).openapi({
    description: 'How long to wait for a change before answering 304, up to 60000.',
    example: 30000,
  }),
});
