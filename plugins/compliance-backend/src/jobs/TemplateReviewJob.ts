import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { TemplateReviewService } from '../templates/TemplateReviewService';

/**
 * Recomputes the version of every template and dry-runs new ones for the review pages
 * (`compliance.templates.schedule`, default every minute), on one replica at a time. Tasks
 * check the version they run at run time whatever this job has seen.
 *
 * @internal
 */
export class TemplateReviewJob {
  constructor(
    private readonly templates: TemplateReviewService,
    private readonly schedule: SchedulerServiceTaskScheduleDefinition,
  ) {}

  async start(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'compliance-template-reviews',
      scope: 'global',
      ...this.schedule,
      fn: () => this.templates.sync(),
    });
  }
}
