/** Small readers of YAML text shared by readYaml's listener and text checks. */

export const SPACE = 0x20;
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const HASH = 0x23;

/** @internal */
export function isWhiteSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

/**
 * Where the `:` that follows on the same line is, if one does (-1 if not): the node that ends
 * at `end` is then a mapping key.
 *
 * @internal
 */
export function colonAfter(input: string, end: number): number {
  let i = end;
  let c = input.charCodeAt(i);
  while (c === SPACE || c === TAB) {
    c = input.charCodeAt(++i);
  }
  return c === 0x3a ? i : -1;
}

/**
 * Where the content of the node opened at `open` starts: past white space, comments, tags
 * (`!Ref`) and anchors (`&name`).
 *
 * @internal
 */
export function contentStart(input: string, open: number): number {
  let i = open;
  for (;;) {
    const c = input.charCodeAt(i);
    if (isWhiteSpace(c)) {
      i++;
    } else if (c === HASH) {
      i = input.indexOf('\n', i);
      if (i === -1) {
        return input.length;
      }
    } else if (c === 0x21 || c === 0x26) {
      // ! or &
      while (i < input.length && !isWhiteSpace(input.charCodeAt(i))) {
        i++;
      }
    } else {
      return i;
    }
  }
}

/**
 * The 1-based line and column of an offset.
 *
 * @internal
 */
export function lineAndColumn(
  input: string,
  position: number,
): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let i = input.indexOf('\n');
    i !== -1 && i < position;
    i = input.indexOf('\n', i + 1)
  ) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: position - lineStart + 1 };
}
