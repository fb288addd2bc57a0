/** Top-level sections of a template (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html). */
const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);

/**
 * The keys of the top-level JSON object, as far as `head` (possibly cut off) shows them.
 * Strings are skipped whole, so a `"Resources"` inside a nested object or a value is not one.
 */
function topLevelJsonKeys(head: string): { keys: string[]; complete: boolean } {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === '"') {
      let j = i + 1;
      while (j < head.length && head[j] !== '"') j += head[j] === '\\' ? 2 : 1;
      if (j >= head.length) return { keys, complete: false };
      if (depth === 1 && expectKey) keys.push(head.slice(i + 1, j));
      expectKey = false;
      i = j;
    } else if (c === '{' || c === '[') {
      depth++;
      expectKey = c === '{' && depth === 1;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return { keys, complete: true };
    } else if (c === ',' && depth === 1) {
      expectKey = true;
    }
  }
  return { keys, complete: false };
}

/**
 * Whether a file, from its first bytes, looks like a CloudFormation template: a top-level
 * `Resources` or `AWSTemplateFormatVersion` key. A JSON document with `Resources` only in a
 * nested object (a CDK manifest, an API response, a config file) is not one. When the head
 * of a JSON file is cut off before those keys, it counts as a template only if every
 * top-level key seen so far is a template section.
 *
 * @param head - the start of the file, e.g. its first 4 KB
 * @param complete - whether `head` is the whole file
 * @public
 */
export function looksLikeTemplate(head: string, complete = false): boolean {
  const text = head.replace(/^\uFEFF/, '');
  if (/^\s*\{\s*"/.test(text)) {
    const { keys, complete: closed } = topLevelJsonKeys(text);
    if (keys.includes('Resources') || keys.includes('AWSTemplateFormatVersion'))
      return true;
    if (closed || complete) return false;
    return keys.length > 0 && keys.every(k => SECTIONS.has(k));
  }
  if (/^\s*\{/.test(text))
    // YAML flow style (`{Resources: …}`): rare; the key must follow the opening brace or a comma.
    return /^\s*\{\s*Resources\s*:|AWSTemplateFormatVersion/.test(text);
  // Block YAML: a top-level key starts in the first column.
  return /(^|\n)["']?(Resources|AWSTemplateFormatVersion)["']?\s*:/.test(text);
}
