/**
 * Parse depth is already limited, so this only guards values built by hand
 * (or shared by YAML aliases) from exhausting the stack.
 *
 * @internal
 */
export const MAX_RESOLVE_DEPTH = 256;
