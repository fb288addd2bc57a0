import {
  ScaffolderClient,
  ScaffolderScaffoldOptions,
  ScaffolderScaffoldResponse,
} from '@backstage/plugin-scaffolder-common';
import { readableRefusal } from './readableRefusal';

/**
 * The stock scaffolder client, except that a refused task (a template version no tech lead
 * approved, no GitHub integration to publish with) reads as the backend's sentence instead of
 * its raw JSON answer with the server's stack.
 */
export class ReadableScaffolderClient extends ScaffolderClient {
  async scaffold(
    options: ScaffolderScaffoldOptions,
  ): Promise<ScaffolderScaffoldResponse> {
    try {
      return await super.scaffold(options);
    } catch (e) {
      throw readableRefusal(e);
    }
  }
}
