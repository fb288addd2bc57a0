/*
 * HRD-07: Lambda runtimes against the deprecation dates AWS publishes
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), judged at the
 * evaluation time. Templates after the examples of
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html.
 */
import { LAMBDA_RUNTIMES } from './lambdaRuntimes';
import { NOW, evaluateYaml, locations } from './testHelpers';

const fn = (runtime: string, extra = '') => `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: ${runtime}
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/lambda-role
      Code: { ZipFile: "exports.handler = async () => 'ok'" }
${extra}`;

describe('HRD-07 Lambda runtimes', () => {
  it('fails a runtime deprecated before the evaluation time, naming the date and the successor', () => {
    // NOW is 2026-06-01; nodejs20.x was deprecated on 2026-04-30.
    expect(NOW.toISOString()).toBe('2026-06-01T12:00:00.000Z');
    const r = evaluateYaml(fn('nodejs20.x'))('HRD-07');
    expect(r).toMatchObject({
      status: 'fail',
      message:
        'Fn: Runtime nodejs20.x deprecated since 2026-04-30 (no security patches, function updates blocked from 2026-09-30); move to nodejs24.x',
    });
    expect(locations(r)).toEqual(['Fn:Properties.Runtime']);
  });

  it('passes a supported runtime and warns within warnBeforeDays of its deprecation', () => {
    expect(evaluateYaml(fn('python3.13'))('HRD-07')).toMatchObject({
      status: 'pass',
      message: 'Fn: Runtime python3.13 supported until 2029-06-30',
    });
    const later = evaluateYaml(
      fn('nodejs22.x'),
      {},
      {
        now: new Date('2026-12-01T00:00:00Z'),
      },
    )('HRD-07');
    expect(later).toMatchObject({
      status: 'warn',
      message:
        'Fn: Runtime nodejs22.x is deprecated on 2027-04-30, in 150 days; move to nodejs24.x',
    });
  });

  it('is relative to the evaluation time: the same runtime passes before its date', () => {
    expect(
      evaluateYaml(
        fn('nodejs20.x'),
        {},
        { now: new Date('2025-01-01T00:00:00Z') },
      )('HRD-07').status,
    ).toBe('pass');
  });

  it('is unknown, naming the parameter, when Runtime comes from a parameter without a default', () => {
    const r = evaluateYaml(`
Parameters:
  Runtime: { Type: String }
${fn('!Ref Runtime')}`)('HRD-07');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'Fn: Runtime cannot be resolved (parameter Runtime has no default and no value was supplied)',
    });
  });

  it('is unknown for a runtime that is not in the table, naming it', () => {
    const r = evaluateYaml(fn('nodejs99.x'))('HRD-07');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Runtime nodejs99.x is not in the table');
  });

  it('does not judge a container-image function, which has no Runtime', () => {
    const r = evaluateYaml(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      PackageType: Image
      Role: arn:aws:iam::123456789012:role/lambda-role
      Code: { ImageUri: 123456789012.dkr.ecr.eu-central-1.amazonaws.com/fn:1 }
`)('HRD-07');
    expect(r.status).toBe('not-applicable');
  });

  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
  it('judges a SAM function by its Runtime, and names Globals when it has none', () => {
    const sam = (runtime: string) => `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: python3.9 }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler, CodeUri: s3://bucket/fn.zip${runtime} }
`;
    expect(evaluateYaml(sam(', Runtime: python3.9'))('HRD-07')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining(
        'Fn: Runtime python3.9 deprecated since 2025-12-15',
      ),
    });
    expect(evaluateYaml(sam(''))('HRD-07')).toMatchObject({
      status: 'unknown',
      message: expect.stringContaining(
        'SAM takes it from Globals.Function.Runtime, which the engine does not read',
      ),
    });
  });

  it('keeps well-formed dates and successors that are in the table', () => {
    const entries = Object.entries(LAMBDA_RUNTIMES);
    const dates = entries.flatMap(([name, rt]) =>
      [rt.deprecated, rt.blockCreate, rt.blockUpdate]
        .filter(d => d !== undefined)
        .map(d => `${name} ${d}`),
    );
    for (const d of dates) expect(d).toMatch(/ \d{4}-\d{2}-\d{2}$/);
    const successors = entries.flatMap(([, rt]) =>
      rt.successor ? [rt.successor] : [],
    );
    for (const s of successors) expect(LAMBDA_RUNTIMES[s]).toBeDefined();
  });
});
