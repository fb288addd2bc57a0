import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Waiver, WaiverDecision, complianceApiRef } from '../../api';
import { renderAsync } from '../../lib/renderAsync';
import { WaiverDecisionDialog } from '../WaiverList/WaiverDecisionDialog';
import { WaiverQueueTable } from './WaiverQueueTable';

/**
 * The tech leads' queue (`/compliance/waivers`, linked from the request notification): every
 * pending waiver the signed-in user may read, newest first, decided in place.
 *
 * @internal
 */
export function WaiverQueueView() {
  const api = useApi(complianceApiRef);
  const queue = useAsyncRetry(() => api.listWaiverQueue(), [api]);
  const [pending, setPending] = useState<{
    waiver: Waiver;
    decision: WaiverDecision;
  }>();

  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        Pending waiver requests, newest first, with each entity&apos;s status
        now. A tech lead other than the requester approves or rejects each.
      </Typography>
      {renderAsync(queue, items =>
        items.length ? (
          <WaiverQueueTable
            items={items}
            onDecide={(item, decision) =>
              setPending({ waiver: item.waiver, decision })
            }
          />
        ) : (
          <EmptyState
            missing="data"
            title="No waiver awaits a decision"
            description="Requests appear here when an owner asks to waive a failing control on an entity's Compliance tab."
          />
        ),
      )}
      <WaiverDecisionDialog
        pending={pending}
        onClose={() => setPending(undefined)}
        onDecided={() => {
          setPending(undefined);
          queue.retry();
        }}
      />
    </>
  );
}
