import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ReactNode } from 'react';
import { errorMessage } from './format';

/**
 * The error panel with the backend's own message as its title (ResponseErrorPanel alone
 * titles it "Request failed with 500 …" and hides the message in its details).
 *
 * @internal
 */
export function BackendErrorPanel(props: { error: Error }) {
  return (
    <ResponseErrorPanel error={props.error} title={errorMessage(props.error)} />
  );
}

/**
 * The body for an async value: a progress bar while it loads, the error panel when it failed
 * (stale data is kept while reloading).
 *
 * @internal
 */
export function renderAsync<T>(
  state: { value?: T; error?: Error },
  render: (value: T) => ReactNode,
): ReactNode {
  if (state.error) return <BackendErrorPanel error={state.error} />;
  if (state.value === undefined) return <Progress />;
  return render(state.value);
}
