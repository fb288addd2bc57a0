import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import { TIERS } from '@refarch/backstage-plugin-compliance-common';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { DrMatrixTier, complianceApiRef } from '../../api';
import { shortRef } from '../../lib/format';
import { renderAsync } from '../../lib/renderAsync';
import { FilterSelect } from '../FleetFilters';
import { statusLabel } from '../StatusChip';
import { DrMatrixLegend, DrMatrixTable } from './DrMatrixTable';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  field: { minWidth: 200 },
}));

const TIER_OPTIONS: Array<[DrMatrixTier, string]> = [
  ...TIERS.map(t => [t, statusLabel(t)] as [DrMatrixTier, string]),
  ['none', 'No tier'],
];

/**
 * The fleet DR matrix: every assessed System × disruption type, filtered by owner and tier
 * (kept in the URL: `?owner=group:default/team-a&tier=critical`), worst first.
 *
 * @internal
 */
export function DrMatrixView() {
  const classes = useStyles();
  const api = useApi(complianceApiRef);
  const [params, setParams] = useSearchParams();
  const owner = params.get('owner') ?? '';
  const tier = params.get('tier') ?? '';
  const matrix = useAsync(
    () =>
      api.getDrMatrix({
        owner: owner ? [owner] : undefined,
        tier: tier ? [tier as DrMatrixTier] : undefined,
      }),
    [api, owner, tier],
  );
  const set = useCallback(
    (patch: Record<string, string | undefined>) =>
      setParams(
        prev => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            next.delete(key);
            if (value) next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return (
    <>
      <Box className={classes.bar} role="search" aria-label="Filter Systems">
        <FilterSelect
          id="dr-matrix-filter-owner"
          className={classes.field}
          label="Owner"
          value={owner}
          options={(matrix.value?.owners ?? []).map(o => [o, shortRef(o)])}
          onChange={v => set({ owner: v })}
        />
        <FilterSelect
          id="dr-matrix-filter-tier"
          className={classes.field}
          label="Tier"
          value={tier}
          options={TIER_OPTIONS}
          onChange={v => set({ tier: v })}
        />
        {(owner || tier) && (
          <Button onClick={() => set({ owner: undefined, tier: undefined })}>
            Clear filters
          </Button>
        )}
      </Box>
      {renderAsync(matrix, value =>
        value.items.length ? (
          <>
            <DrMatrixLegend />
            <DrMatrixTable matrix={value} />
          </>
        ) : (
          <EmptyState
            missing="data"
            title={
              owner || tier
                ? 'No assessed System matches these filters'
                : 'No System has been assessed yet'
            }
            description="Systems appear here after their first assessment; assessments run on a schedule after catalog changes."
          />
        ),
      )}
    </>
  );
}
