/**
 * The first sentence of a refusal, for the portal's alert, a narrow toast: the backend's whole
 * message (what happened, then how to set it up, with commands and config keys) becomes a
 * wall of text there. The form the refused run reopens says the rest at its top (the template
 * gate's banner, the publishing note), so the toast points there.
 */
export function alertSummary(message: string): string {
  const end = /\.(?=\s+[A-Z])/.exec(message);
  if (!end || end.index + 1 >= message.trim().length) return message;
  return `${message.slice(
    0,
    end.index,
  )}. The top of the form says what to do next.`;
}
