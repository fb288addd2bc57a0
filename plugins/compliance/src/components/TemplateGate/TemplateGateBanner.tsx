import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { rootRouteRef } from '../../routes';
import { templateGateMessage } from './templateGateMessage';
import { useTemplateReviewSummary } from './useTemplateReviewSummary';

const TITLES = {
  pending: 'Awaiting a tech lead’s approval',
  unreviewed: 'Not reviewed yet',
  rejected: 'Rejected by a tech lead',
};

/**
 * A banner for a template whose current version may not run (pending, rejected or never
 * reviewed): what that means, who can approve it and a link to its review page. Renders
 * nothing for an approved version, or while the state is loading.
 *
 * @public
 */
export function TemplateGateBanner(props: {
  /** `template:<namespace>/<name>` */
  templateRef: string | undefined;
  /** Shorter text for the template card. */
  dense?: boolean;
}) {
  const { templateRef, dense } = props;
  const root = useRouteRef(rootRouteRef)?.() ?? '/compliance';
  const { value } = useTemplateReviewSummary(templateRef);
  const message = templateGateMessage(value, root);
  if (!message) return null;
  return (
    <Alert
      severity={message.state === 'rejected' ? 'error' : 'warning'}
      data-testid="template-gate"
      data-state={message.state}
      aria-label={`Template review: ${TITLES[message.state]}`}
    >
      <AlertTitle>{TITLES[message.state]}</AlertTitle>
      {!dense && (
        <Typography variant="body2" paragraph>
          {message.text}
        </Typography>
      )}
      <Typography variant="body2">
        {message.approvers.length ? (
          <>
            Who can approve: members of{' '}
            {message.approvers.map((a, i) => (
              <span key={a} style={{ whiteSpace: 'nowrap' }}>
                {i > 0 && ' or '}
                <strong>{a}</strong>
              </span>
            ))}{' '}
            (tech leads).{' '}
          </>
        ) : (
          'A tech lead can approve it. '
        )}
        <Link to={message.reviewPath}>Open the review page</Link>
      </Typography>
    </Alert>
  );
}
