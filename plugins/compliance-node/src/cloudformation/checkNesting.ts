/**
 * What {@link checkNesting} found wrong, if anything.
 *
 * @internal
 */
export type NestingProblem = 'too-deep' | 'cycle' | undefined;

interface Frame {
  children: unknown[];
  next: number;
  height: number;
  node: object;
}

function childrenOf(node: object): unknown[] {
  return Array.isArray(node) ? node : Object.values(node);
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/**
 * Checks that a parsed value nests no more than `maxDepth` containers deep
 * (the root mapping is level 1), without recursion so that hostile input
 * cannot overflow the stack.
 *
 * YAML aliases make the value a graph rather than a tree: a node shared by
 * many aliases is measured once (heights are memoized, so the walk stays
 * linear), and an alias inside its own anchor makes a cycle.
 *
 * @internal
 */
export function checkNesting(root: unknown, maxDepth: number): NestingProblem {
  if (!isContainer(root)) {
    return undefined;
  }
  const heights = new Map<object, number>();
  const onPath = new Set<object>();
  const stack: Frame[] = [
    { node: root, children: childrenOf(root), next: 0, height: 0 },
  ];
  onPath.add(root);
  if (maxDepth < 1) {
    return 'too-deep';
  }
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (!isContainer(child)) {
        continue;
      }
      if (onPath.has(child)) {
        return 'cycle';
      }
      const known = heights.get(child);
      if (known !== undefined) {
        if (stack.length + known > maxDepth) {
          return 'too-deep';
        }
        frame.height = Math.max(frame.height, known);
        continue;
      }
      if (stack.length + 1 > maxDepth) {
        return 'too-deep';
      }
      onPath.add(child);
      stack.push({
        node: child,
        children: childrenOf(child),
        next: 0,
        height: 0,
      });
      continue;
    }
    stack.pop();
    onPath.delete(frame.node);
    const height = frame.height + 1;
    heights.set(frame.node, height);
    if (stack.length > 0) {
      const parent = stack[stack.length - 1];
      parent.height = Math.max(parent.height, height);
    }
  }
  return undefined;
}
