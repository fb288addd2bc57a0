import { DAY } from '@refarch/backstage-plugin-compliance-common';
import { getPath, isUnknown } from '../cloudformation';
import { LAMBDA_RUNTIMES } from './lambdaRuntimes';
import { at, fail, pass, unknown, warn } from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

/** A SAM function (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html). */
const SAM_FUNCTION = 'AWS::Serverless::Function';

/** Midnight UTC of a `YYYY-MM-DD` date. */
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * HRD-07: Lambda functions run on a runtime AWS still patches. Judged at the evaluation
 * time (`now`) against the published dates of {@link LAMBDA_RUNTIMES}: deprecated → fail,
 * deprecated within `warnBeforeDays` → warn. A function deployed as a container image has
 * no Runtime (its image brings the language), so it is not judged here.
 *
 * @internal
 */
export const lambdaControls: ControlImplementation[] = [
  {
    id: 'HRD-07',
    cfn: ({ resources, params, now }) =>
      resources.flatMap((r): CheckOutcome[] => {
        const runtime = r.properties.Runtime;
        const image =
          r.properties.PackageType === 'Image' ||
          getPath(r.properties, 'Code.ImageUri') !== undefined ||
          r.properties.ImageUri !== undefined;
        if (runtime === undefined && image) return [];
        if (runtime === undefined && r.type === SAM_FUNCTION)
          return [
            unknown(
              `${r.logicalId}: no Runtime on the function; SAM takes it from Globals.Function.Runtime, which the engine does not read (the AWS::Serverless transform is not expanded)`,
              [at(r, 'Runtime')],
            ),
          ];
        if (isUnknown(runtime))
          return [
            unknown(
              `${r.logicalId}: Runtime cannot be resolved (${runtime.reason})`,
              [at(r, 'Runtime')],
            ),
          ];
        if (runtime === undefined) return [];
        const name = String(runtime);
        const entry = LAMBDA_RUNTIMES[name];
        if (!entry)
          return [
            unknown(
              `${r.logicalId}: Runtime ${name} is not in the table of Lambda runtimes (controls/lambdaRuntimes.ts), so its deprecation date cannot be told`,
              [at(r, 'Runtime')],
            ),
          ];
        const where = [at(r, 'Runtime')];
        const successor = entry.successor ? `; move to ${entry.successor}` : '';
        const deprecated = utc(entry.deprecated);
        if (deprecated <= now.getTime()) {
          let blocked = '';
          if (entry.blockUpdate)
            blocked = `, function updates blocked ${
              utc(entry.blockUpdate) <= now.getTime() ? 'since' : 'from'
            } ${entry.blockUpdate}`;
          return [
            fail(
              `${r.logicalId}: Runtime ${name} deprecated since ${entry.deprecated} (no security patches${blocked})${successor}`,
              where,
            ),
          ];
        }
        const days = Math.ceil((deprecated - now.getTime()) / (DAY * 1000));
        if (days <= Number(params.warnBeforeDays))
          return [
            warn(
              `${r.logicalId}: Runtime ${name} is deprecated on ${entry.deprecated}, in ${days} days${successor}`,
              where,
            ),
          ];
        return [
          pass(
            `${r.logicalId}: Runtime ${name} supported until ${entry.deprecated}`,
            where,
          ),
        ];
      }),
  },
];
