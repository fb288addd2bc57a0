import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** @public */
export const examples: TemplateExample[] = [
  {
    description: 'Deploy the generated environment to staging',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'aws:cloudformation:deploy',
          name: 'Deploy the network stack',
          input: {
            stackName: 'payments-staging-network',
            templatePath: 'infra/network.yaml',
            region: 'eu-central-1',
            accountId: '123456789012',
            parameters: { Environment: 'staging', AzCount: '3' },
            tags: { owner: 'team-payments' },
          },
        },
      ],
    }),
  },
];
