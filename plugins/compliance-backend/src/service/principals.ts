import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who is acting, for records and four-eyes checks: a user's entity ref, or `service:<subject>`.
 *
 * @internal
 */
export function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return p.type === 'user'
    ? p.userEntityRef!
    : `service:${p.subject ?? 'unknown'}`;
}

/** Whether the caller is a signed-in user (or a plugin acting for one, with their token). @internal */
export function isUser(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type?: string }).type === 'user';
}
