import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DISRUPTION_TYPES,
  Policy,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
import YAML from 'yaml';

/**
 * Recovery targets the way the reference architecture writes them: whole hours in hours
 * (`24h`, `72h`, not `1d`), shorter ones in minutes.
 *
 * @internal
 */
export function formatTarget(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return formatDuration(seconds);
}

/**
 * `compliance:tier-targets`: the RPO/RTO targets of a tier as the policy defines them, so the
 * generated catalog entries and docs state the policy's numbers (one place for targets).
 *
 * @public
 */
export function createTierTargetsAction(options: { policy: Policy }) {
  return createTemplateAction({
    id: 'compliance:tier-targets',
    description:
      "Outputs the policy's RPO/RTO targets of a tier, overall and per disruption type, as durations (15m, 1h, 24h).",
    examples: [
      {
        description: 'Annotate the generated entity with the tier targets',
        example: YAML.stringify({
          steps: [
            {
              id: 'tier',
              action: 'compliance:tier-targets',
              input: { tier: '${{ parameters.tier }}' },
            },
            {
              id: 'fetch',
              action: 'fetch:template',
              input: {
                url: './skeleton',
                values: {
                  rpo: '${{ steps.tier.output.rpo }}',
                  rto: '${{ steps.tier.output.rto }}',
                },
              },
            },
          ],
        }),
      },
    ],
    supportsDryRun: true,
    schema: {
      input: {
        tier: z => z.string({ description: 'A tier of the policy' }),
      },
      output: {
        rpo: z => z.string({ description: 'Overall RPO target, e.g. 1h' }),
        rto: z => z.string({ description: 'Overall RTO target, e.g. 4h' }),
        disruptions: z =>
          z.record(z.string(), z.object({ rpo: z.string(), rto: z.string() }), {
            description:
              'Targets per disruption type (software, hardware, az, region)',
          }),
      },
    },
    async handler(ctx) {
      const tiers = options.policy.tiers as Record<
        string,
        Policy['tiers'][keyof Policy['tiers']] | undefined
      >;
      const tier = tiers[ctx.input.tier];
      if (!tier)
        throw new InputError(
          `compliance:tier-targets: the policy has no tier "${
            ctx.input.tier
          }" (tiers: ${Object.keys(tiers).join(', ')})`,
        );
      ctx.output('rpo', formatTarget(tier.rpo));
      ctx.output('rto', formatTarget(tier.rto));
      ctx.output(
        'disruptions',
        Object.fromEntries(
          DISRUPTION_TYPES.map(d => [
            d,
            {
              rpo: formatTarget(tier.disruptions[d].rpo),
              rto: formatTarget(tier.disruptions[d].rto),
            },
          ]),
        ),
      );
    },
  });
}
