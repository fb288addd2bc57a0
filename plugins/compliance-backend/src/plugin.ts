import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  compliancePermissions,
  parseDuration,
} from '@refarch/backstage-plugin-compliance-common';
import {
  loadPolicy,
  readTechLeadGroups,
} from '@refarch/backstage-plugin-compliance-node';
import { createRouter } from './router';
import { ComplianceNotifier } from './service/ComplianceNotifier';
import { ComplianceService } from './service/ComplianceService';
import { WaiverRequestNotifier } from './service/WaiverRequestNotifier';
import { EvaluationLease } from './service/EvaluationLease';
import { createEvaluationPool } from './service/EvaluationPool';
import { EvaluationRunner } from './service/EvaluationRunner';
import { scheduleEvaluation } from './service/scheduleEvaluation';
import { IacReader } from './service/IacReader';
import { AssessmentStore } from './store/AssessmentStore';
import { EvidenceStore } from './store/EvidenceStore';
import { WaiverStore } from './store/WaiverStore';
import { RollUpStore } from './store/RollUpStore';
import { migrateComplianceDatabase } from './store/migrateComplianceDatabase';
import { TemplateReviewStore } from './store/TemplateReviewStore';
import { TemplateConformance } from './templates/TemplateConformance';
import { TemplateReviewNotifier } from './templates/TemplateReviewNotifier';
import { TemplateReviewService } from './templates/TemplateReviewService';
import { TemplateSourceReader } from './templates/TemplateSourceReader';
import { setupLive } from './live/setupLive';

/**
 * The `compliance` backend plugin: keeps an assessment of every catalog entity up to date
 * and serves it, with evidence and waivers.
 *
 * @public
 */
export const compliancePlugin = createBackendPlugin({
  pluginId: 'compliance',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        lifecycle: coreServices.lifecycle,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(compliancePermissions);
        const policy = loadPolicy(config);
        const knex = await migrateComplianceDatabase(deps.database);
        const assessments = new AssessmentStore(knex);
        const evidence = EvidenceStore.create({ knex });
        const waivers = WaiverStore.create({ knex });
        const rollUps = RollUpStore.create({ knex });
        const notifier = new ComplianceNotifier(deps.notifications, logger, {
          regressions:
            config.getOptionalBoolean('compliance.notifications.regressions') ??
            true,
          expiringWaivers:
            config.getOptionalBoolean(
              'compliance.notifications.expiringWaivers',
            ) ?? true,
        });
        const iac = IacReader.create({
          urlReader: deps.urlReader,
          logger,
          allowedRoots:
            config.getOptionalStringArray('compliance.iac.allowedRoots') ?? [],
          maxBytes: config.getOptionalNumber('compliance.iac.maxBytes'),
        });
        const live = await setupLive({
          config,
          logger,
          scheduler,
          catalog: deps.catalog,
          auth: deps.auth,
          knex,
        });
        const runner = new EvaluationRunner({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          assessments,
          evidence,
          waivers,
          iac,
          // Templates are read and evaluated in worker threads, off this event loop.
          pool: createEvaluationPool({
            config,
            policy,
            urlReader: deps.urlReader,
            logger,
            lifecycle: deps.lifecycle,
          }),
          live: live?.inputs,
          policy,
          onChanges: changes => notifier.statusChanged(changes),
        });
        const service = new ComplianceService({
          catalog: deps.catalog,
          permissions: deps.permissions,
          assessments,
          rollUps,
          evidence,
          waivers,
          runner,
          policy,
          logger,
          waiverRequests: WaiverRequestNotifier.create({
            notifications: deps.notifications,
            logger,
            techLeadGroups: readTechLeadGroups(config),
            enabled: config.getOptionalBoolean(
              'compliance.notifications.waiverRequests',
            ),
          }),
        });

        const scheduleConfig = config.getOptionalConfig(
          'compliance.evaluation.schedule',
        );
        const shards = Math.max(
          1,
          config.getOptionalNumber('compliance.evaluation.shards') ?? 1,
        );
        await scheduleEvaluation({
          scheduler,
          lease: EvaluationLease.create({ knex, logger }),
          schedule: scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : undefined,
          shards,
          pass: async shard => {
            await runner.runPass({ shard, shards });
            // Systems, Domains and Groups reflect their members as of this pass.
            await rollUps.recompute(new Date());
          },
        });
        const warning =
          parseDuration(
            config.getOptionalString(
              'compliance.notifications.waiverWarning',
            ) ?? '7d',
          ) ?? 7 * 86400;
        await scheduler.scheduleTask({
          id: 'compliance-waiver-expiry',
          scope: 'global',
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const expiring = await waivers.expiringUnnotified(
              new Date(Date.now() + warning * 1000),
            );
            const owners = new Map(
              (
                await assessments.getSummaries(expiring.map(w => w.entityRef))
              ).map(s => [s.entityRef, s.owner]),
            );
            const sent = await notifier.waiversExpiring(
              expiring.map(w => ({ ...w, owner: owners.get(w.entityRef) })),
            );
            await waivers.markExpiryNotified(sent);
          },
        });

        const templates = new TemplateReviewService({
          catalog: deps.catalog,
          auth: deps.auth,
          permissions: deps.permissions,
          store: TemplateReviewStore.create({ knex }),
          reader: new TemplateSourceReader({
            iac,
            urlReader: deps.urlReader,
            logger,
          }),
          conformance: new TemplateConformance({
            discovery: deps.discovery,
            auth: deps.auth,
            logger,
            policy,
          }),
          notifier: new TemplateReviewNotifier(deps.notifications, logger),
          logger,
          techLeadGroups: readTechLeadGroups(config),
        });
        const templateSchedule = config.getOptionalConfig(
          'compliance.templates.schedule',
        );
        await scheduler.scheduleTask({
          id: 'compliance-template-reviews',
          scope: 'global',
          ...(templateSchedule
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                templateSchedule,
              )
            : {
                frequency: { minutes: 1 },
                timeout: { minutes: 10 },
                initialDelay: { seconds: 20 },
              }),
          fn: () => templates.sync(),
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            service,
            templates,
            deployed: live?.deployed,
          }),
        );
      },
    });
  },
});
