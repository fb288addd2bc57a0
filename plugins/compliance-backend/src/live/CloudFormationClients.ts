import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { parseStackArn } from './stackArn';

/** The part of a CloudFormation client the live readers use. @public */
export type CloudFormationSender = Pick<CloudFormationClient, 'send'>;

/** Creates the CloudFormation client of one account and region. @public */
export type CloudFormationClientFactory = (options: {
  region: string;
  accountId: string;
  credentials?: CloudFormationClient['config']['credentials'];
}) => CloudFormationSender;

/**
 * One CloudFormation client per account and region, with credentials from
 * `@backstage/integration-aws-node` (an account with no integration fails its stacks with
 * AccountNotConfigured and is looked up again next time).
 *
 * @public
 */
export class CloudFormationClients {
  private readonly clients = new Map<string, Promise<CloudFormationSender>>();

  constructor(
    private readonly options: {
      credentialsManager: AwsCredentialsManager;
      clientFactory?: CloudFormationClientFactory;
    },
  ) {}

  forStack(arn: string): Promise<CloudFormationSender> {
    const stack = parseStackArn(arn);
    if (!stack)
      return Promise.reject(
        Object.assign(new Error(`not a stack ARN`), {
          name: 'InvalidStackArn',
        }),
      );
    const key = `${stack.accountId}/${stack.region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = (async () => {
        const { sdkCredentialProvider } =
          await this.options.credentialsManager.getCredentialProvider({ arn });
        const factory: CloudFormationClientFactory =
          this.options.clientFactory ??
          (o =>
            // Retries are ours (bounded per pass); the SDK's would multiply them.
            new CloudFormationClient({
              region: o.region,
              credentials: o.credentials,
              maxAttempts: 1,
            }));
        return factory({
          region: stack.region,
          accountId: stack.accountId,
          credentials: sdkCredentialProvider,
        });
      })();
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  get size(): number {
    return this.clients.size;
  }
}
