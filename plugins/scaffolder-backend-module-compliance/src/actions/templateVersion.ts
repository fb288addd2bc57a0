import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { responseData } from '@refarch/backstage-plugin-compliance-common';
import { complianceClient } from '../guard/complianceApi';

/**
 * `compliance:template-version`: the version (content hash) of the template this task runs,
 * as `template:namespace/name@version`, for the `refarch.dev/template` annotation of what
 * the task creates. A dry run has no catalog version and gets `@dry-run`.
 *
 * @public
 */
export function createTemplateVersionAction(deps: {
  auth: AuthService;
  discovery: DiscoveryService;
}) {
  return createTemplateAction({
    id: 'compliance:template-version',
    description:
      'Outputs the approved version of the running template, to stamp on the entities it creates.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Stamp the template version on the generated catalog-info.yaml',
        example:
          "steps:\n  - id: template-version\n    action: compliance:template-version\n  - id: fetch\n    action: fetch:template\n    input:\n      url: ./skeleton\n      values:\n        templateStamp: ${{ steps['template-version'].output.stamp }}\n",
      },
    ],
    schema: {
      output: {
        templateRef: z => z.string(),
        version: z => z.string(),
        stamp: z =>
          z.string({ description: 'template:namespace/name@version' }),
      },
    },
    async handler(ctx) {
      const info = ctx.templateInfo;
      if (
        ctx.isDryRun ||
        !info?.entityRef ||
        info.entityRef === 'template:default/dry-run'
      ) {
        const name = info?.entity?.metadata?.name ?? 'dry-run';
        const templateRef = `template:${
          info?.entity?.metadata?.namespace ?? 'default'
        }/${name}`;
        ctx.output('templateRef', templateRef);
        ctx.output('version', 'dry-run');
        ctx.output('stamp', `${templateRef}@dry-run`);
        return;
      }
      const { namespace, name } = parseEntityRef(info.entityRef);
      const client = await complianceClient(
        deps,
        await ctx.getInitiatorCredentials(),
      );
      const current = await responseData(
        client.request('get', '/v1/templates/{namespace}/{name}/current', {
          params: { path: { namespace, name } },
        }),
      );
      ctx.logger.info(
        `${current.templateRef} version ${current.version} (${current.state})`,
      );
      ctx.output('templateRef', current.templateRef);
      ctx.output('version', current.version);
      ctx.output('stamp', `${current.templateRef}@${current.version}`);
    },
  });
}
