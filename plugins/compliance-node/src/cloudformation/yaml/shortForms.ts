/**
 * Directives of the `rain pkg` pre-processor (https://github.com/aws-cloudformation/rain),
 * which a template carries until it is packaged. In JSON they are plain keys
 * (`{"Rain::Embed": "file.txt"}`); in YAML they are tags, read as the same key so that both
 * forms of a template are analysed alike. The values they produce are only known once
 * packaged, so the resolver reports them as unknown.
 *
 * @internal
 */
export const PREPROCESSOR_DIRECTIVES = [
  'Rain::Embed',
  'Rain::Include',
  'Rain::Env',
  'Rain::S3Http',
  'Rain::S3',
  'Rain::Module',
  'Rain::Constant',
];

/**
 * CloudFormation's short-form intrinsics, by the name after `!`.
 *
 * @internal
 */
export const SHORT_FORMS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'And',
  'Or',
  'Not',
  'FindInMap',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Condition',
  'Transform',
  'Length',
  'ToJsonString',
  // Rule-specific intrinsics, used in a template's Rules section:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/rules-section-structure.html
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
  ...PREPROCESSOR_DIRECTIVES,
];

/**
 * `Ref` and `Condition` keep their name in the long form; the others are `Fn::…`.
 *
 * @internal
 */
export function longName(shortName: string): string {
  return shortName === 'Ref' ||
    shortName === 'Condition' ||
    shortName.includes('::')
    ? shortName
    : `Fn::${shortName}`;
}

/**
 * Only these take a single name, so a sequence or mapping after them is a mistake.
 *
 * @internal
 */
export const SCALAR_ONLY = new Set(['Ref', 'Condition']);
