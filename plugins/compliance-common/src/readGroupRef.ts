const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;

/**
 * Reads a Group reference the way the tech-lead rule compares it: `group:<namespace>/<name>`,
 * lower case. Accepts the short forms `name`, `namespace/name` and `group:name` (namespace
 * `default`). Another kind, an empty part or a character an entity name cannot have is an
 * error naming the value and what is wrong with it.
 *
 * @public
 */
export function readGroupRef(
  value: string,
): { ref: string } | { error: string } {
  const raw = value.trim();
  const colon = raw.indexOf(':');
  const kind =
    colon === -1 ? 'group' : raw.slice(0, colon).toLocaleLowerCase('en-US');
  if (kind !== 'group')
    return {
      error: `"${value}" must name a Group, not a ${
        raw.slice(0, colon) || 'value without a kind'
      }`,
    };
  const parts = (colon === -1 ? raw : raw.slice(colon + 1)).split('/');
  if (parts.length > 2)
    return {
      error: `"${value}" is not a group reference (group:<namespace>/<name>)`,
    };
  const [namespace, name] = parts.length === 2 ? parts : ['default', parts[0]];
  const bad = [namespace, name].find(part => !NAME.test(part));
  if (bad !== undefined)
    return {
      error: `"${value}" is not a group reference (group:<namespace>/<name>): "${bad}" is not a valid name`,
    };
  return { ref: `group:${namespace}/${name}`.toLocaleLowerCase('en-US') };
}
