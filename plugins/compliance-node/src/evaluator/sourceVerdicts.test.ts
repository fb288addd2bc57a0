/*
 * Declared, repository and deployed: the deployed stack decides a control's status (issue 18,
 * "live wins for the verdict"), and where the sources disagree the result carries what each
 * one says, with its source and when it was read.
 */
import { defaultPolicy } from '../policy/defaultPolicy';
import { parseTemplate, resolveTemplate } from '../cloudformation';
import { declared, NOW } from '../controls/testHelpers';
import { EvaluationInput, TemplateInput } from './EvaluationInput';
import { evaluateEntity } from './evaluateEntity';

const database = (encrypted: boolean) => `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: ${encrypted}
      KmsKeyId: arn:aws:kms:eu-central-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab
`;

function template(
  yaml: string,
  source: string,
  extra: Partial<TemplateInput> = {},
): TemplateInput {
  return {
    template: resolveTemplate(parseTemplate(yaml, { fileName: source })),
    source,
    contentHash: source,
    ...extra,
  };
}

const ARN =
  'arn:aws:cloudformation:eu-central-1:000000000000:stack/orders-db/1a2b3c4d-0000-0000-0000-000000000000';
const REPOSITORY_READ = '2026-05-30T08:00:00.000Z';
const STACK_READ = '2026-06-01T11:55:00.000Z';

function assess(
  deployedEncrypted: boolean | undefined,
  annotations: Record<string, string>,
  repositoryEncrypted = true,
) {
  const repository = template(database(repositoryEncrypted), 'infra/db.yaml', {
    observedAt: REPOSITORY_READ,
  });
  const input: EvaluationInput = {
    entity: {
      ref: 'resource:default/orders-db',
      kind: 'Resource',
      name: 'orders-db',
      type: 'database',
      annotations,
    },
    iac:
      deployedEncrypted === undefined
        ? repository
        : template(database(deployedEncrypted), `deployed stack (${ARN})`, {
            provenance: 'live',
            observedAt: STACK_READ,
          }),
    repositoryIac: deployedEncrypted === undefined ? undefined : repository,
    evidence: [],
    waivers: [],
    dependencies: [],
    now: NOW,
  };
  const assessment = evaluateEntity(input, defaultPolicy);
  return assessment.results.find(r => r.controlId === 'ENC-01')!;
}

describe('source verdicts', () => {
  it('a deployed database whose encryption was turned off fails although the repository and the annotations say encrypted; all three are shown with source and time', () => {
    const result = assess(
      false,
      declared({ 'storage-encrypted': 'true', 'encryption-key': 'cmk' }),
    );
    expect(result.status).toBe('fail');
    const sources = result.sources!;
    expect(sources.map(s => [s.provenance, s.status])).toEqual([
      ['declared', 'pass'],
      ['iac', 'pass'],
      ['live', 'fail'],
    ]);
    expect(sources[0].source).toContain(
      'refarch.dev/declared.storage-encrypted',
    );
    expect(sources[1]).toMatchObject({
      source: 'infra/db.yaml',
      observedAt: REPOSITORY_READ,
    });
    expect(sources[2]).toMatchObject({
      source: `deployed stack (${ARN})`,
      observedAt: STACK_READ,
      message: result.message,
    });
  });

  it('the deployed stack decides in the other direction too: encrypted in production, not in the repository', () => {
    const result = assess(true, {}, false);
    expect(result.status).toBe('pass');
    expect(result.sources?.map(s => [s.provenance, s.status])).toEqual([
      ['iac', 'fail'],
      ['live', 'pass'],
    ]);
  });

  it('names no sources when every source agrees, or when the annotations only leave the control open', () => {
    expect(
      assess(
        true,
        declared({ 'storage-encrypted': 'true', 'encryption-key': 'cmk' }),
      ).sources,
    ).toBeUndefined();
    // storage-encrypted without encryption-key is an incomplete declaration, not a claim.
    expect(
      assess(true, declared({ 'storage-encrypted': 'true' })).sources,
    ).toBeUndefined();
  });

  it('shows the repository template disagreeing with the annotations even without a deployed stack', () => {
    const result = assess(
      undefined,
      declared({ 'storage-encrypted': 'false' }),
    );
    expect(result.status).toBe('pass');
    expect(result.sources?.map(s => [s.provenance, s.status])).toEqual([
      ['declared', 'fail'],
      ['iac', 'pass'],
    ]);
  });
});
