/*
 * Runs the fake GitHub of fakeGitHub.ts as a process of its own, for the end-to-end tests
 * (playwright.config.ts starts it beside the portal; e2e/app-config.e2e.yaml points an
 * integrations.github entry at it):
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/scaffolder-backend-module-compliance/src/__testUtils__/fakeGitHubServer.ts \
 *     --port 7079 --root .tools/e2e-fake-github
 *
 * The repositories live in --root, emptied at start, so a test can read them with git.
 * Never for production: it accepts any token and pushes from anyone.
 */
import fs from 'fs';
import path from 'path';
import { startFakeGitHub } from './fakeGitHub';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main() {
  const port = Number(option('port') ?? '7079');
  const root = path.resolve(option('root') ?? '.tools/e2e-fake-github');
  fs.rmSync(root, { recursive: true, force: true });
  const github = await startFakeGitHub({ port, root });
  process.stdout.write(
    `fake GitHub on http://${github.host} (API ${github.apiBaseUrl}), repositories in ${root}\n`,
  );
  const stop = () => {
    github.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
