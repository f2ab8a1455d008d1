export { createStreamsRouter } from '../streams/routes/index.ts';
export * from './config.ts';
export { endpointDisabledTopic, nodeResolveHost } from './delivery.ts';
export type { DeliveryQueue, PushDeps } from './deps.ts';
export { pushEvent, pushGroup } from './push.ts';
export { createWebhooksRouter } from './routes/index.ts';
export {
  createPushDeps,
  type PushSubscriber,
  type PushWorkers,
  type PushWorkersOptions,
  startPushWorkers,
  webhooksQueue,
} from './workers.ts';
