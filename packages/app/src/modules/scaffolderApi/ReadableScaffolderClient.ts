import type { AlertApi } from '@backstage/frontend-plugin-api';
import {
  ScaffolderClient,
  ScaffolderScaffoldOptions,
  ScaffolderScaffoldResponse,
} from '@backstage/plugin-scaffolder-common';
import { readableRefusal } from './readableRefusal';

/**
 * The stock scaffolder client, except that a refused task (a template version no tech lead
 * approved, no GitHub integration to publish with) reads as the backend's sentence, shown in
 * the portal's alert, instead of its raw JSON answer with the server's stack. The stock wizard
 * still leaves the rejection unhandled, so in development the server's error overlay also draws
 * the sentence, with the browser's call stack.
 */
export class ReadableScaffolderClient extends ScaffolderClient {
  private readonly alertApi: AlertApi;

  constructor(
    options: ConstructorParameters<typeof ScaffolderClient>[0] & {
      alertApi: AlertApi;
    },
  ) {
    super(options);
    this.alertApi = options.alertApi;
  }

  async scaffold(
    options: ScaffolderScaffoldOptions,
  ): Promise<ScaffolderScaffoldResponse> {
    try {
      return await super.scaffold(options);
    } catch (e) {
      const error = readableRefusal(e);
      if (error instanceof Error && error.name === 'TaskRefused') {
        this.alertApi.post({ message: error.message, severity: 'error' });
      }
      throw error;
    }
  }
}
