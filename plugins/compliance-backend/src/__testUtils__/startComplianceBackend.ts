import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  type NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { compliancePlugin } from '../plugin';

/**
 * The compliance backend plugin in a test backend: the given catalog, database and config,
 * the scheduler under the test's control and notifications recorded in `sent` instead of
 * delivered. `evaluate()` runs one evaluation pass (and the roll-ups after it), as the
 * scheduled task does.
 */
export async function startComplianceBackend(options: {
  entities: Entity[];
  knex?: Knex;
  config?: JsonObject;
  features?: any[];
}) {
  const scheduler = mockServices.scheduler();
  const sent: NotificationSendOptions[] = [];
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      (scheduler as any).factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (notification: NotificationSendOptions) => {
            sent.push(notification);
          },
        }),
      }),
      ...(options.features ?? []),
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    evaluate: () => scheduler.triggerTask('compliance-evaluate'),
    triggerTask: (id: string) => scheduler.triggerTask(id),
    sent,
  };
}
