import { InfoCard } from '@backstage/core-components';
import { usePolicy } from '../../hooks/usePolicy';
import { renderAsync } from '../../lib/renderAsync';
import { PolicyControlsTable } from '../PolicyControlsTable';
import { FleetQueryPatch } from './useFleetQuery';

/**
 * The "Controls" tab: the policy in force with fleet counts per control.
 *
 * @internal
 */
export function FleetControlsView(props: {
  update: (patch: FleetQueryPatch) => void;
}) {
  const policy = usePolicy();
  return (
    <InfoCard
      title="Controls"
      subheader={
        policy.value ? `Policy version ${policy.value.version}` : undefined
      }
    >
      {renderAsync(policy, p => (
        <PolicyControlsTable
          controls={p.controls}
          onShowFailing={controlId =>
            props.update({
              view: undefined,
              control: controlId,
              groupBy: undefined,
            })
          }
        />
      ))}
    </InfoCard>
  );
}
