import { readableJson } from './readableJson';

describe('readableJson', () => {
  it('reads a CloudFormation drift value as its leaves', () => {
    expect(
      readableJson(
        '{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"}}]}',
      ),
    ).toBe('SSEAlgorithm: aws:kms');
    expect(readableJson('{"Status":"Enabled","Days":35}')).toBe(
      'Status: Enabled, Days: 35',
    );
  });

  it('keeps plain values and text that is not JSON', () => {
    expect(readableJson('"t3.medium"')).toBe('t3.medium');
    expect(readableJson('false')).toBe('false');
    expect(readableJson('null')).toBe('none');
    expect(readableJson('{}')).toBe('empty');
    expect(readableJson('not json')).toBe('not json');
  });

  it('says how many leaves it left out', () => {
    expect(readableJson('{"a":1,"b":2,"c":3}', 2)).toBe(
      'a: 1, b: 2 and 1 more',
    );
  });
});
