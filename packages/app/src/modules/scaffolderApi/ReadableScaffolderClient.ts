import type { AlertApi } from '@backstage/frontend-plugin-api';
import {
  ScaffolderClient,
  ScaffolderRequestOptions,
  ScaffolderScaffoldOptions,
  ScaffolderScaffoldResponse,
} from '@backstage/plugin-scaffolder-common';
import { alertSummary } from './alertSummary';
import { readableRefusal } from './readableRefusal';
import { RefusedRuns } from './RefusedRuns';

/**
 * The stock scaffolder client, except that a refused task (a template version no tech lead
 * approved, no GitHub integration to publish with) reads as the backend's sentence, shown in
 * the portal's alert (its first sentence when the form reopens, which says the rest), instead
 * of its raw JSON answer with the server's stack.
 *
 * A refused `scaffold()` then neither resolves nor rejects while a wizard listens on
 * `refusedRuns`: the stock wizard awaits it without a catch, so a rejection would be an
 * unhandled one, which the development server draws in its error overlay (its listener runs
 * before any the app can add, and ignores `preventDefault`); and the wizard never resets its
 * "creating" state after a failure, so it could not create again anyway (backstage#7716). The
 * listening wizard (ReopenRefusedForm) opens the form again with the values instead. With no
 * listener the refusal is rethrown, as before.
 */
export class ReadableScaffolderClient extends ScaffolderClient {
  private readonly alertApi: AlertApi;
  private readonly refusedRuns: RefusedRuns;

  constructor(
    options: ConstructorParameters<typeof ScaffolderClient>[0] & {
      alertApi: AlertApi;
      refusedRuns: RefusedRuns;
    },
  ) {
    super(options);
    this.alertApi = options.alertApi;
    this.refusedRuns = options.refusedRuns;
  }

  async scaffold(
    request: ScaffolderScaffoldOptions,
    options?: ScaffolderRequestOptions,
  ): Promise<ScaffolderScaffoldResponse> {
    try {
      return await super.scaffold(request, options);
    } catch (e) {
      const error = readableRefusal(e);
      if (error instanceof Error && error.name === 'TaskRefused') {
        const { templateRef, values } = request;
        if (this.refusedRuns.report({ templateRef, values })) {
          // The reopened form says the rest: the toast carries the first sentence.
          this.alertApi.post({
            message: alertSummary(error.message),
            severity: 'error',
          });
          return new Promise<never>(() => {});
        }
        this.alertApi.post({ message: error.message, severity: 'error' });
      }
      throw error;
    }
  }
}
