import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'fs';
import {
  CloudFormationDeployer,
  DEFAULT_TIMING,
  DeployTiming,
} from './cloudFormationDeployer';
import { examples } from './deploy.examples';

const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/**
 * `aws:cloudformation:deploy`: deploys a template from the workspace through a change set
 * (create, show, execute, wait). In a dry run it only validates the template. The change
 * set and its execution are checkpointed, so a recovered task never deploys twice.
 *
 * @public
 */
export function createDeployAction(options: {
  credentialsManager: AwsCredentialsManager;
  /** For tests: build the client (default: a real CloudFormationClient with the account's credentials). */
  clientFactory?: (
    region: string,
    credentials: unknown,
  ) => CloudFormationClient;
  timing?: DeployTiming;
}) {
  return createTemplateAction({
    id: 'aws:cloudformation:deploy',
    description:
      'Deploys a CloudFormation template from the workspace through a change set and waits for the stack.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        stackName: z =>
          z
            .string({ description: 'Stack name' })
            .regex(
              STACK_NAME,
              'A stack name starts with a letter and has only letters, digits and hyphens (max 128)',
            ),
        templatePath: z =>
          z.string({ description: 'Template file in the workspace' }),
        region: z =>
          z
            .string({ description: 'AWS region' })
            .regex(
              /^[a-z]{2}(-[a-z]+)+-\d$/,
              'An AWS region such as eu-central-1',
            ),
        accountId: z =>
          z
            .string({
              description: 'AWS account (credentials from integrations.aws)',
            })
            .regex(/^\d{12}$/)
            .optional(),
        parameters: z =>
          z
            .record(z.string(), z.string(), { description: 'Stack parameters' })
            .optional(),
        capabilities: z =>
          z
            .array(
              z.enum([
                'CAPABILITY_IAM',
                'CAPABILITY_NAMED_IAM',
                'CAPABILITY_AUTO_EXPAND',
              ]),
              { description: 'Acknowledged capabilities' },
            )
            .optional(),
        tags: z =>
          z
            .record(z.string(), z.string(), { description: 'Stack tags' })
            .optional(),
      },
      output: {
        stackId: z => z.string({ description: 'The stack ARN' }).optional(),
        status: z =>
          z.string({
            description:
              'Final stack status, NO_CHANGES, or VALIDATED in a dry run',
          }),
        changes: z =>
          z.array(z.string(), {
            description: 'The change set, one line per resource',
          }),
        outputs: z =>
          z.record(z.string(), z.string(), { description: 'Stack outputs' }),
      },
    },
    async handler(ctx) {
      const file = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.templatePath,
      );
      if (!fs.existsSync(file))
        throw new InputError(
          `aws:cloudformation:deploy: ${ctx.input.templatePath} does not exist in the workspace`,
        );
      const templateBody = fs.readFileSync(file, 'utf8');
      if (Buffer.byteLength(templateBody) > 51_200) {
        // TemplateBody is limited to 51,200 bytes by CloudFormation; larger templates need S3.
        throw new InputError(
          `aws:cloudformation:deploy: ${ctx.input.templatePath} is larger than the 51,200 bytes CloudFormation accepts inline; split it into nested stacks`,
        );
      }
      const { sdkCredentialProvider } =
        await options.credentialsManager.getCredentialProvider(
          ctx.input.accountId ? { accountId: ctx.input.accountId } : {},
        );
      const client = options.clientFactory
        ? options.clientFactory(ctx.input.region, sdkCredentialProvider)
        : new CloudFormationClient({
            region: ctx.input.region,
            credentials: sdkCredentialProvider,
            maxAttempts: 5,
            retryMode: 'adaptive',
          });
      const deployer = new CloudFormationDeployer(
        client,
        m => ctx.logger.info(m),
        options.timing ?? DEFAULT_TIMING,
      );

      const validation = await deployer.validate(templateBody);
      ctx.logger.info(
        `Template is valid (${validation.Parameters?.length ?? 0} parameters${
          validation.Capabilities?.length
            ? `, needs ${validation.Capabilities.join(', ')}`
            : ''
        })`,
      );
      if (ctx.isDryRun) {
        ctx.output('status', 'VALIDATED');
        ctx.output('changes', []);
        ctx.output('outputs', {});
        return;
      }
      const { stackName } = ctx.input;
      const changeSetName = `backstage-${(ctx.task?.id ?? 'task')
        .replace(/[^A-Za-z0-9-]/g, '')
        .slice(0, 100)}`;
      await ctx.checkpoint({
        key: `create-change-set-${stackName}`,
        fn: async () => {
          const exists =
            (await deployer.describeStack(stackName)) !== undefined;
          await deployer.createChangeSet({
            stackName,
            changeSetName,
            templateBody,
            parameters: ctx.input.parameters ?? {},
            capabilities: ctx.input.capabilities ?? ['CAPABILITY_NAMED_IAM'],
            exists,
            tags: ctx.input.tags ?? {},
          });
          return changeSetName;
        },
      });
      const changeSet = await deployer.waitForChangeSet(
        stackName,
        changeSetName,
      );
      if (!changeSet) {
        ctx.logger.info(`No changes: ${stackName} is already up to date`);
        const stack = await deployer.describeStack(stackName);
        ctx.output('stackId', stack?.StackId);
        ctx.output('status', 'NO_CHANGES');
        ctx.output('changes', []);
        ctx.output(
          'outputs',
          Object.fromEntries(
            (stack?.Outputs ?? []).map(o => [
              o.OutputKey ?? '',
              o.OutputValue ?? '',
            ]),
          ),
        );
        return;
      }
      const changes = (changeSet.Changes ?? []).map(c => {
        const r = c.ResourceChange;
        return `${r?.Action} ${r?.LogicalResourceId} (${r?.ResourceType})${
          r?.Replacement === 'True' ? ' — REPLACEMENT' : ''
        }`;
      });
      ctx.logger.info(`Change set ${changeSetName}:\n${changes.join('\n')}`);
      await ctx.checkpoint({
        key: `execute-change-set-${stackName}`,
        fn: async () => {
          await deployer.execute(stackName, changeSetName);
          return changeSetName;
        },
      });
      const stack = await deployer.waitForStack(stackName);
      ctx.logger.info(`${stackName}: ${stack.StackStatus}`);
      ctx.output('stackId', stack.StackId);
      ctx.output('status', stack.StackStatus ?? 'UNKNOWN');
      ctx.output('changes', changes);
      ctx.output(
        'outputs',
        Object.fromEntries(
          (stack.Outputs ?? []).map(o => [
            o.OutputKey ?? '',
            o.OutputValue ?? '',
          ]),
        ),
      );
    },
  });
}
