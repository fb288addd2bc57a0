import type { AlertApi } from '@backstage/frontend-plugin-api';
import {
  ScaffolderClient,
  ScaffolderScaffoldOptions,
  ScaffolderScaffoldResponse,
} from '@backstage/plugin-scaffolder-common';
import { readableRefusal } from './readableRefusal';

/** Refusals this client has already shown the person (see suppressShownRefusals). */
const shown = new WeakSet<object>();

/**
 * The stock wizard leaves a failed `scaffold()` unhandled; the browser then reports it, and the
 * development server draws it in its error overlay with a call stack. A refusal this client
 * already showed as an alert is marked handled (in the capture phase, before the overlay's
 * listener), so the person sees the sentence once, in the portal's own alert.
 */
function suppressShownRefusals() {
  if (typeof window === 'undefined') return;
  window.addEventListener(
    'unhandledrejection',
    event => {
      if (event.reason instanceof Error && shown.has(event.reason)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    { capture: true },
  );
}
suppressShownRefusals();

/**
 * The stock scaffolder client, except that a refused task (a template version no tech lead
 * approved, no GitHub integration to publish with) reads as the backend's sentence, shown in
 * the portal's alert, instead of its raw JSON answer with the server's stack.
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
        shown.add(error);
      }
      throw error;
    }
  }
}
