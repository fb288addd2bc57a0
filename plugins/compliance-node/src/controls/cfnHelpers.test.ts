import { parseTemplate, resolveTemplate } from '../cloudformation';
import { ofType } from './cfnHelpers';

/** A resolved template of resources of these types, by logical id. */
const templateOf = (types: Record<string, string>) =>
  resolveTemplate(
    parseTemplate(
      JSON.stringify({
        Resources: Object.fromEntries(
          Object.entries(types).map(([id, Type]) => [id, { Type }]),
        ),
      }),
    ),
  );

const template = templateOf({
  A: 'AWS::S3::Bucket',
  B: 'AWS::RDS::DBInstance',
  C: 'AWS::S3::Bucket',
  D: 'AWS::RDS::DBCluster',
});
const ids = (list: Array<{ logicalId: string }>) => list.map(r => r.logicalId);

describe('ofType', () => {
  it("gives the resources of any of the types in the template's order, asked again or not", () => {
    const types = ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'];
    expect(ids(ofType(template, ...types))).toEqual(['B', 'D']);
    expect(ids(ofType(template, ...types))).toEqual(['B', 'D']);
    expect(ids(ofType(template, 'AWS::S3::Bucket'))).toEqual(['A', 'C']);
    expect(ofType(template, 'AWS::EC2::VPC')).toEqual([]);
  });

  it("never answers for several types with a resource whose type name is their list's key", () => {
    const hostile = templateOf({
      A: 'AWS::RDS::DBCluster\nAWS::RDS::DBInstance',
      B: 'AWS::RDS::DBInstance',
    });
    // The index by type is built first, with the odd name as one of its keys.
    expect(ids(ofType(hostile, 'AWS::RDS::DBInstance'))).toEqual(['B']);
    expect(
      ids(ofType(hostile, 'AWS::RDS::DBCluster', 'AWS::RDS::DBInstance')),
    ).toEqual(['B']);
  });

  it('returns a list of its own: changing one changes no later answer', () => {
    const types = ['AWS::S3::Bucket', 'AWS::RDS::DBCluster'];
    const first = ofType(template, ...types);
    first.pop();
    ofType(template, 'AWS::S3::Bucket').pop();
    expect(ids(ofType(template, ...types))).toEqual(['A', 'C', 'D']);
    expect(ids(ofType(template, 'AWS::S3::Bucket'))).toEqual(['A', 'C']);
  });
});
