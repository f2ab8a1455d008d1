import { z } from '@trellis/kit';

export const ServiceNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes')
  .openapi({ description: 'Service name.', example: 'users' });

export const InstanceIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'must be letters, digits, dots, colons, dashes or underscores')
  .openapi({ description: 'Unique id of one running instance.', example: 'users-3f9a2c1d' });

const LabelsSchema = z
  .record(
    z
      .string()
      .min(1)
      .max(63)
      .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'must be a label name'),
    z.string().max(200),
  )
  .refine((labels) => Object.keys(labels).length <= 32, 'must have at most 32 labels')
  .openapi({
    description: 'Free-form labels, e.g. zone or tier; gray releases can target them.',
    example: { zone: 'a', tier: 'canary' },
  });

const AddressSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(500)
  .openapi({
    description: 'Base URL other services call this instance at.',
    example: 'http://10.0.0.12:4101',
  });

const VersionSchema = z
  .string()
  .min(1)
  .max(100)
  .openapi({ description: 'Version of the code the instance runs.', example: '1.4.2' });

const WeightSchema = z.number().int().min(0).max(10_000).openapi({
  description: 'Share of the traffic relative to the other instances; 0 takes none.',
  example: 100,
});

const TtlSchema = z.number().int().min(1).max(3600).openapi({
  description: 'Seconds the instance stays healthy after a heartbeat; it beats every ttl/3.',
  example: 15,
});

export const RegisterInstanceSchema = z
  .object({
    service: ServiceNameSchema,
    instanceId: InstanceIdSchema,
    address: AddressSchema,
    version: VersionSchema,
    labels: LabelsSchema.default({}),
    weight: WeightSchema.default(100),
    ttlSeconds: TtlSchema.default(15),
  })
  .strict()
  .openapi('RegisterInstance');

export type RegisterInstance = z.infer<typeof RegisterInstanceSchema>;

const TimeSchema = (description: string) =>
  z.iso.datetime().openapi({ description, example: '2026-11-26T09:30:00.000Z' });

export const RegistryInstanceSchema = z
  .object({
    service: ServiceNameSchema,
    instanceId: InstanceIdSchema,
    address: AddressSchema,
    version: VersionSchema,
    labels: LabelsSchema,
    weight: WeightSchema,
    ttlSeconds: TtlSchema,
    healthy: z.boolean().openapi({
      description:
        'False only for an expired instance listed because the protection threshold is active.',
      example: true,
    }),
    registeredAt: TimeSchema('When the instance first registered (UTC).'),
    lastHeartbeatAt: TimeSchema('When the instance last registered or heartbeat (UTC).'),
    expiresAt: TimeSchema('When the instance expires unless it heartbeats again (UTC).'),
  })
  .openapi('RegistryInstance');

export type RegistryInstance = z.infer<typeof RegistryInstanceSchema>;

export const RegistryInstanceListSchema = z
  .object({
    service: ServiceNameSchema,
    items: z.array(RegistryInstanceSchema).openapi({
      description: 'The instances to call, by instance id; watch streams push this whole list.',
    }),
    protectionActive: z.boolean().openapi({
      description:
        'True when too few instances are healthy, so the expired but recently seen ones are listed too.',
      example: false,
    }),
  })
  .openapi('RegistryInstanceList');

export type RegistryInstanceList = z.infer<typeof RegistryInstanceListSchema>;

export const RegistryServiceSchema = z
  .object({
    service: ServiceNameSchema,
    healthy: z
      .number()
      .int()
      .openapi({ description: 'Instances heartbeating within their TTL.', example: 2 }),
    total: z.number().int().openapi({
      description: 'Instances seen recently, healthy or expired.',
      example: 3,
    }),
    protectionActive: z.boolean().openapi({
      description: 'True when the protection threshold keeps expired instances listed.',
      example: false,
    }),
  })
  .openapi('RegistryService');

export const RegistryServiceListSchema = z
  .object({
    items: z
      .array(RegistryServiceSchema)
      .openapi({ description: 'Services with recently seen instances, by name.' }),
  })
  .openapi('RegistryServiceList');

export const PrometheusTargetGroupSchema = z
  .object({
    targets: z
      .array(z.string())
      .openapi({ description: '`host:port` to scrape.', example: ['10.0.0.12:4101'] }),
    labels: z.record(z.string(), z.string()).openapi({
      description: 'Labels Prometheus attaches to the scraped series.',
      example: { service: 'users', version: '1.4.2', instance: 'users-3f9a2c1d' },
    }),
  })
  .openapi('PrometheusTargetGroup');

export const PrometheusTargetsSchema = z
  .array(PrometheusTargetGroupSchema)
  .openapi('PrometheusTargets', {
    description: 'Prometheus `http_sd` answer: one group per healthy instance.',
  });

export const ServiceParamsSchema = z.object({
  service: ServiceNameSchema.openapi({ param: { name: 'service', in: 'path' } }),
});

export const InstanceParamsSchema = z.object({
  instanceId: InstanceIdSchema.openapi({ param: { name: 'instanceId', in: 'path' } }),
});
