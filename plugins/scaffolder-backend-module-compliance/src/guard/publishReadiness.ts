import { ScmIntegrationRegistry } from '@backstage/integration';

/**
 * Why a task publishing to `repoUrl` cannot run with these integrations, or `undefined` when
 * it can: the templates publish with `publish:github`, which needs a GitHub integration with
 * credentials (a token or a GitHub App) for the repository's host. Other hosts pass when an
 * integration exists for them (a template publishing there uses that host's own action).
 *
 * @internal
 */
export function publishReadiness(
  integrations: ScmIntegrationRegistry,
  repoUrl: string,
): string | undefined {
  let host: string;
  try {
    host = new URL(`https://${repoUrl}`).host;
  } catch {
    return undefined; // not a RepoUrlPicker value: the template's own steps report it
  }
  const github = integrations.github.byHost(host);
  if (github && (github.config.token || github.config.apps?.length))
    return undefined;
  if (!github && integrations.byHost(host)) return undefined;
  return missingGithubIntegrationMessage(host);
}

/** @internal */
export function missingGithubIntegrationMessage(host: string) {
  return (
    `Publishing to ${host} needs a GitHub integration with a token for ${host}, and this portal has none, so nothing was run. ` +
    `Start the portal with GITHUB_TOKEN set to a token that may create repositories of the owner ` +
    `(GITHUB_TOKEN=<token> ./run start; app-config.yaml reads integrations.github[0].token from it), ` +
    `or configure integrations.github in app-config (GitHub Enterprise: host, apiBaseUrl and a token or a GitHub App). ` +
    `The template editor's dry run works without it.`
  );
}
