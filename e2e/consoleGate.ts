import { test as base, expect, ConsoleMessage, Page } from '@playwright/test';

/*
 * Issue 15: "zero React key warnings and zero uncaught errors on every page (fail the test on
 * console errors)". Every e2e file imports `test` and `expect` from here instead of
 * @playwright/test: the `page` fixture records every console error, every React "unique key"
 * warning (whatever its level) and every uncaught page error, and fails the test after it ran
 * when any was seen — with each message and the page it came from.
 */

/** A console message or page error the gate lets through, and why. */
type Allowed = { pattern: RegExp; why: string };

/**
 * Only what is not a defect of our code. Keep each entry narrow and say why it is harmless.
 */
export const ALLOWED: Allowed[] = [];

/** The React warning of a list child without a key (console.error in React 18 dev builds). */
const KEY_WARNING = /unique "key" prop/;

/** What the gate saw on one page, as lines for the failure message. */
export type Offence = { kind: string; text: string; url: string };

function allowed(text: string): boolean {
  return ALLOWED.some(a => a.pattern.test(text));
}

/** The text of a console message with its format arguments (React logs `%s` templates). */
function messageText(msg: ConsoleMessage): string {
  const loc = msg.location();
  const where = loc.url ? ` (${loc.url}:${loc.lineNumber})` : '';
  return `${msg.text()}${where}`;
}

/** Starts recording on a page; returns the offences seen so far (a live array). */
export function watchConsole(page: Page): Offence[] {
  const offences: Offence[] = [];
  page.on('console', msg => {
    const isError = msg.type() === 'error';
    const text = messageText(msg);
    if (!isError && !KEY_WARNING.test(text)) return;
    if (allowed(text)) return;
    offences.push({
      kind: KEY_WARNING.test(text) ? 'React key warning' : 'console error',
      text,
      url: page.url(),
    });
  });
  page.on('pageerror', error => {
    const text = `${error.name}: ${error.message}\n${error.stack ?? ''}`;
    if (allowed(text)) return;
    offences.push({ kind: 'uncaught page error', text, url: page.url() });
  });
  return offences;
}

export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const offences = watchConsole(page);
    await use(page);
    if (offences.length === 0) return;
    const report = offences
      .map(o => `- ${o.kind} on ${o.url}:\n    ${o.text.slice(0, 2_000)}`)
      .join('\n');
    await testInfo.attach('console-offences', {
      body: report,
      contentType: 'text/plain',
    });
    throw new Error(
      `${offences.length} console error(s), React key warning(s) or uncaught error(s) (issue 15):\n${report}`,
    );
  },
});

export { expect };
