import { BudgetExhaustedError } from './CallBudget';

const SECRETS = [
  /\b(A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/g,
  /(?:secret|token|signature|credential)[^\s,;]*[=:]\s*\S+/gi,
];

/** Removes anything that looks like a key or token, and bounds the length. @internal */
export function redact(message: string): string {
  let out = message;
  for (const re of SECRETS) out = out.replace(re, '[redacted]');
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

/**
 * The AWS error code of a failed call, as shown on the entity: AccessDenied, Throttling,
 * StackNotFound, AccountNotConfigured, CredentialsError… Messages are redacted.
 *
 * @internal
 */
export function describeAwsError(e: unknown): {
  code: string;
  message: string;
} {
  const err = e as { name?: string; message?: string; Code?: string };
  const message = redact(String(err?.message ?? e));
  if (e instanceof BudgetExhaustedError)
    return { code: e.code, message: e.message };
  if (/There is no AWS integration that matches/.test(message))
    return { code: 'AccountNotConfigured', message };
  if (err?.name === 'ValidationError' && /does not exist/.test(message))
    return { code: 'StackNotFound', message };
  if (
    err?.name === 'CredentialsProviderError' ||
    err?.name === 'ExpiredToken' ||
    err?.name === 'ExpiredTokenException' ||
    err?.name === 'InvalidClientTokenId' ||
    err?.name === 'UnrecognizedClientException' ||
    err?.name === 'SignatureDoesNotMatch'
  )
    return { code: err.name, message };
  const code = err?.Code ?? err?.name;
  return {
    code: code && code !== 'Error' ? code : 'UnknownError',
    message,
  };
}
