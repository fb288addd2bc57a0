import { YAMLException } from 'js-yaml';
import { TemplateError } from '../TemplateError';
import { SCALAR_ONLY } from './shortForms';

/** A tag as written: `!Foo`, `!!js/function`, or verbatim. */
function readableTag(tag: string): string {
  if (tag.startsWith('tag:yaml.org,2002:')) {
    return `!!${tag.slice('tag:yaml.org,2002:'.length)}`;
  }
  return tag.startsWith('!') ? tag : `!<${tag}>`;
}

/** The key that starts at `position`: quoted or plain, up to its `:`. */
function keyAt(text: string, position: number): string {
  const quote = text[position];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, position + 1);
    return text.slice(position + 1, close === -1 ? undefined : close);
  }
  const match = /^[^:\n]*?(?=\s*:(?:\s|$))/.exec(
    text.slice(position, position + 2048),
  );
  return (match ? match[0] : text.slice(position).split(/[:\n]/)[0]).trim();
}

/** Whether `&name` anchors a node that opens before `position` (and so contains it). */
function isAnchoredBefore(
  text: string,
  name: string,
  position: number,
): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const anchor = new RegExp(`(?:^|[\\s[{,:-])&${escaped}(?=[\\s,\\]}]|$)`, 'g');
  const match = anchor.exec(text);
  return match !== null && match.index < position;
}

/**
 * js-yaml's error as a {@link TemplateError} with a sentence a person reads: the code says
 * why (an unknown tag, several documents, nesting…), the message names the line.
 *
 * @internal
 */
export function yamlErrorToTemplateError(
  e: YAMLException,
  context: { text: string; where: string; maxDepth: number },
): TemplateError {
  const { text, where, maxDepth } = context;
  const reason = e.reason ?? e.message;
  const mark = e.mark as
    | { line: number; column: number; position: number }
    | undefined;
  const line = mark ? ` (line ${mark.line + 1})` : '';
  const at = mark ? ` (line ${mark.line + 1}, column ${mark.column + 1})` : '';

  const tag = /^unknown tag !<(.*)>$/.exec(reason);
  if (tag && SCALAR_ONLY.has(tag[1].slice(1))) {
    // js-yaml knows !Ref and !Condition only on a scalar.
    return new TemplateError(
      'syntax',
      `${where}${tag[1]} expects a name, not a list or mapping${line}`,
    );
  }
  if (tag) {
    return new TemplateError(
      'unknown-tag',
      `${where}unknown YAML tag ${readableTag(
        tag[1],
      )}: only CloudFormation's short-form intrinsics (!Ref, !Sub, !GetAtt…) are allowed${line}`,
    );
  }
  if (reason.startsWith('nesting exceeded maxDepth')) {
    return new TemplateError(
      'too-deep',
      `${where}nesting is deeper than the limit of ${maxDepth} levels`,
    );
  }
  if (reason.startsWith('expected a single document in the stream')) {
    return new TemplateError(
      'not-cloudformation',
      `${where}not a CloudFormation template: found a stream of several YAML documents, a template is a single one`,
    );
  }
  if (reason === 'duplicated mapping key' && mark) {
    return new TemplateError(
      'syntax',
      `${where}duplicate key "${keyAt(text, mark.position)}" at line ${
        mark.line + 1
      }`,
    );
  }
  const alias = /^unidentified alias "(.*)"$/.exec(reason);
  if (alias) {
    return isAnchoredBefore(text, alias[1], mark?.position ?? text.length)
      ? new TemplateError(
          'alias-limit',
          `${where}a YAML alias (*${alias[1]}) refers to a node that contains it, which would nest forever${line}`,
        )
      : new TemplateError(
          'syntax',
          `${where}the YAML alias *${alias[1]} names no anchor before it${line}`,
        );
  }
  if (reason.startsWith('merge keys exceeded')) {
    return new TemplateError(
      'alias-limit',
      `${where}YAML merge keys (<<) copy more than js-yaml's limit of entries${line}`,
    );
  }
  const unresolved = /^cannot resolve a node with !<(.*)> explicit tag$/.exec(
    reason,
  );
  if (unresolved) {
    const name = readableTag(unresolved[1]);
    return new TemplateError(
      'syntax',
      name === '!GetAtt'
        ? `${where}!GetAtt expects Resource.Attribute${line}`
        : `${where}${name} cannot be applied to this value (or to none)${line}`,
    );
  }
  const kind =
    /^unacceptable node kind for !<(.*)> tag; it should be "(\w+)", not "(\w+)"$/.exec(
      reason,
    );
  if (kind) {
    const name = readableTag(kind[1]);
    const found = kind[3] === 'sequence' ? 'list' : kind[3];
    return new TemplateError(
      'syntax',
      kind[2] === 'scalar'
        ? `${where}${name} expects a name, not a ${found}${line}`
        : `${where}${name} expects a ${kind[2]}, not a ${found}${line}`,
    );
  }
  return new TemplateError('syntax', `${where}invalid YAML: ${reason}${at}`);
}
