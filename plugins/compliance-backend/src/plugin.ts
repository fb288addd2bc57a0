import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { compliancePermissions } from '@refarch/backstage-plugin-compliance-common';
import { loadPolicy } from '@refarch/backstage-plugin-compliance-node';
import { readComplianceConfig } from './config';
import { EvaluationJob } from './jobs/EvaluationJob';
import { TemplateReviewJob } from './jobs/TemplateReviewJob';
import { WaiverExpiryJob } from './jobs/WaiverExpiryJob';
import { createRouter } from './router';
import { ComplianceNotifier } from './service/ComplianceNotifier';
import { createComplianceServices } from './service/createComplianceServices';
import { WaiverRequestNotifier } from './service/WaiverRequestNotifier';
import { EvaluationLease } from './service/EvaluationLease';
import { createEvaluationPool } from './service/EvaluationPool';
import { EvaluationRunner } from './service/EvaluationRunner';
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
        const { logger, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(compliancePermissions);
        const settings = readComplianceConfig(deps.config);
        const policy = loadPolicy(deps.config);
        const knex = await migrateComplianceDatabase(deps.database);
        const assessments = AssessmentStore.create({ knex });
        const evidence = EvidenceStore.create({ knex });
        const waivers = WaiverStore.create({ knex });
        const rollUps = RollUpStore.create({ knex });
        const notifier = new ComplianceNotifier(
          deps.notifications,
          logger,
          settings.notifications,
        );
        const iac = IacReader.create({
          urlReader: deps.urlReader,
          logger,
          ...settings.iac,
        });
        const live = await setupLive({
          config: deps.config,
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
            config: deps.config,
            policy,
            urlReader: deps.urlReader,
            logger,
            lifecycle: deps.lifecycle,
          }),
          live: live?.inputs,
          policy,
          onChanges: changes => notifier.statusChanged(changes),
        });
        const services = createComplianceServices({
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
            techLeadGroups: settings.techLeadGroups,
            enabled: settings.notifications.waiverRequests,
          }),
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
          techLeadGroups: settings.techLeadGroups,
        });

        await new EvaluationJob({
          runner,
          rollUps,
          lease: EvaluationLease.create({ knex, logger }),
          ...settings.evaluation,
        }).start(scheduler);
        await new WaiverExpiryJob({
          waivers,
          assessments,
          notifier,
          warningSeconds: settings.notifications.waiverWarningSeconds,
        }).start(scheduler);
        await new TemplateReviewJob(
          templates,
          settings.templates.schedule,
        ).start(scheduler);

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            services,
            templates,
            deployed: live?.deployed,
          }),
        );
      },
    });
  },
});
