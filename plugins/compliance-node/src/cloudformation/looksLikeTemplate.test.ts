/*
 * Directory mode picks templates by their first bytes (issue 17: JSON files with a nested
 * Resources key were analysed as templates). Template anatomy:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 */
import { looksLikeTemplate } from './looksLikeTemplate';

describe('looksLikeTemplate', () => {
  it.each([
    [
      'JSON template (minified)',
      '{"Resources":{"B":{"Type":"AWS::S3::Bucket"}}}',
    ],
    [
      'JSON template with a format version first',
      '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {}\n}',
    ],
    [
      'YAML template',
      'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  B:\n    Type: AWS::S3::Bucket\n',
    ],
    [
      'YAML template without a version',
      'Resources:\n  B: {Type: AWS::S3::Bucket}\n',
    ],
    [
      'JSON template whose Resources come after a head cut off in Parameters',
      `{"Description": "x", "Parameters": {"P": {"Type": "String", "Default": "${'a'.repeat(
        100,
      )}`,
    ],
  ])('accepts %s', (_, text) => {
    expect(looksLikeTemplate(text)).toBe(true);
  });

  it.each([
    [
      'JSON with Resources nested in another object',
      '{"name": "app", "config": {"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}}',
    ],
    [
      'JSON with "Resources" as a value',
      '{"title": "Resources", "items": ["Resources"]}',
    ],
    [
      'a JSON list of templates',
      '[{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}]',
    ],
    [
      'JSON cut off after a key that is not a template section',
      '{"version": 3, "artifacts": {"Stack": {"Resources": ',
    ],
    [
      'YAML with Resources indented under another key',
      'spec:\n  Resources:\n    B:\n      Type: AWS::S3::Bucket\n',
    ],
  ])('rejects %s', (_, text) => {
    expect(looksLikeTemplate(text)).toBe(false);
  });
});
