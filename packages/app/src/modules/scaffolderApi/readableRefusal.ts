/**
 * The scaffolder's client turns a refused task into `Backend request failed, 400 Bad Request
 * {…the whole error body, the server's stack included…}`, which the portal then shows as is.
 * This keeps only the backend's own sentence (`error.message`), as an error named after what
 * happened; anything else is returned unchanged.
 */
export function readableRefusal(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const match = /^Backend request failed, (\d{3})[^{]*(\{[\s\S]*\})\s*$/.exec(
    error.message,
  );
  if (!match) return error;
  let message: unknown;
  try {
    message = JSON.parse(match[2])?.error?.message;
  } catch {
    return error;
  }
  if (typeof message !== 'string' || !message.trim()) return error;
  const refusal = new Error(message);
  refusal.name = Number(match[1]) < 500 ? 'TaskRefused' : 'TaskFailed';
  return refusal;
}
