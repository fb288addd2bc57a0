import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Policy,
  SEVERITIES,
  Severity,
} from '@refarch/backstage-plugin-compliance-common';
import {
  checkWorkspace,
  failuresAtOrAbove,
} from '@refarch/backstage-plugin-compliance-node';
import fs from 'fs';
import { examples } from './validate.examples';

/**
 * `compliance:validate`: runs the compliance engine on the CloudFormation (and the
 * catalog-info.yaml beside it) in the task workspace, writes the report as a file and as
 * output, and fails the task when a control at or above `failOn` fails.
 *
 * @public
 */
export function createValidateAction(options: { policy: Policy }) {
  return createTemplateAction({
    id: 'compliance:validate',
    description:
      'Checks the generated infrastructure against the reference architecture and fails on failing controls at or above a severity.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string({
              description: 'Folder or template in the workspace to check',
            })
            .default('.'),
        failOn: z =>
          z
            .enum(SEVERITIES as [Severity, ...Severity[]], {
              description:
                'Lowest severity of a failing control that fails the task',
            })
            .default('high'),
        parameters: z =>
          z
            .record(z.string(), z.string(), {
              description: 'CloudFormation parameter values to resolve with',
            })
            .optional(),
        reportPath: z =>
          z
            .string({
              description:
                'Where to write the JSON report, relative to the workspace',
            })
            .default('compliance-report.json'),
      },
      output: {
        status: z =>
          z.string({ description: 'Worst status over all templates' }),
        failing: z =>
          z.array(z.string(), {
            description: 'Failing controls as "file: ID"',
          }),
        report: z =>
          z.array(z.any(), {
            description: 'Per template: file, status, score, failing controls',
          }),
        reportPath: z =>
          z.string({ description: 'The report file in the workspace' }),
      },
    },
    async handler(ctx) {
      const target = resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
      if (!fs.existsSync(target))
        throw new InputError(
          `compliance:validate: ${ctx.input.path} does not exist in the workspace`,
        );
      const reports = checkWorkspace(target, options.policy, {
        parameters: ctx.input.parameters,
        relativeTo: ctx.workspacePath,
      });
      if (reports.length === 0)
        throw new InputError(
          `compliance:validate: no CloudFormation template found under ${ctx.input.path}`,
        );

      const severity = new Map(
        options.policy.controls.map(c => [c.id, c.severity]),
      );
      const blocking: string[] = [];
      const summary = reports.map(({ file, assessment }) => {
        const failing = failuresAtOrAbove(
          { file, assessment },
          options.policy,
          ctx.input.failOn,
        );
        blocking.push(
          ...failing.map(
            r =>
              `${file}: ${r.controlId} [${severity.get(r.controlId)}] ${
                r.message
              }`,
          ),
        );
        if (assessment.status === 'error')
          blocking.push(`${file}: ${assessment.errors.join('; ')}`);
        ctx.logger.info(
          `${file}: ${assessment.status} (score ${assessment.score ?? '–'}), ${
            assessment.counts.pass
          } pass, ${assessment.counts.fail} fail, ${
            assessment.counts.unknown
          } unknown`,
        );
        for (const r of assessment.results.filter(
          x => x.status === 'fail' || x.status === 'unknown',
        )) {
          ctx.logger.info(
            `  ${r.status} ${r.controlId} [${severity.get(r.controlId)}] ${
              r.message
            }`,
          );
        }
        return {
          file,
          status: assessment.status,
          score: assessment.score,
          failing: assessment.results
            .filter(r => r.status === 'fail')
            .map(r => ({
              controlId: r.controlId,
              severity: severity.get(r.controlId),
              message: r.message,
            })),
          unknown: assessment.results
            .filter(r => r.status === 'unknown')
            .map(r => ({ controlId: r.controlId, message: r.message })),
          dr: assessment.dr,
        };
      });
      const reportFile = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.reportPath,
      );
      fs.writeFileSync(
        reportFile,
        JSON.stringify(
          {
            policyVersion: options.policy.version,
            failOn: ctx.input.failOn,
            templates: summary,
          },
          null,
          2,
        ),
      );
      ctx.output('report', summary);
      ctx.output('reportPath', ctx.input.reportPath);
      ctx.output(
        'failing',
        summary.flatMap(s => s.failing.map(f => `${s.file}: ${f.controlId}`)),
      );
      ctx.output(
        'status',
        summary.some(s => s.status === 'fail' || s.status === 'error')
          ? 'fail'
          : 'pass',
      );
      if (blocking.length) {
        throw new InputError(
          `compliance:validate: ${
            blocking.length
          } failing control(s) at or above ${
            ctx.input.failOn
          }:\n${blocking.join('\n')}`,
        );
      }
    },
  });
}
