import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** @public */
export const examples: TemplateExample[] = [
  {
    description:
      'Check the generated infrastructure and fail on high or critical findings',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'compliance:validate',
          name: 'Check against the reference architecture',
          input: { path: './infra', failOn: 'high' },
        },
      ],
    }),
  },
  {
    description:
      'Resolve parameters as production would, and keep the report elsewhere',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'compliance:validate',
          name: 'Check production settings',
          input: {
            path: './infra/root.yaml',
            failOn: 'medium',
            parameters: { Environment: 'production' },
            reportPath: 'reports/compliance.json',
          },
        },
      ],
    }),
  },
];
