import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api';
import { usePolicy } from '../../hooks/usePolicy';
import { renderAsync } from '../../lib/renderAsync';
import { FleetFilters } from '../FleetFilters';
import { FleetTable } from '../FleetTable';
import { GroupTable } from '../GroupTable';
import { StatusBars } from '../StatusBars';
import { FleetOverview } from './FleetOverview';
import { useFilterOptions } from './useFilterOptions';
import { useFleetPage } from './useFleetPage';
import { FleetQuery, FleetQueryPatch, PAGE_SIZE } from './useFleetQuery';

/**
 * The "Entities" tab: filters, totals, status per owner, and one server-side page of entities
 * (or the aggregates per owner / system).
 *
 * @internal
 */
export function FleetEntitiesView(props: {
  query: FleetQuery;
  update: (patch: FleetQueryPatch) => void;
}) {
  const { query, update } = props;
  const { filter, filterKey, page, orderBy, groupBy } = query;
  const api = useApi(complianceApiRef);
  const options = useFilterOptions();
  const policy = usePolicy();

  // filterKey stands for filter in the dependency arrays: it only changes with the URL.
  const assessments = useFleetPage(query);
  const byOwner = useAsync(
    () => api.getAggregates('owner', filter),
    [api, filterKey],
  );
  const bySystem = useAsync(
    async () =>
      groupBy === 'system' ? api.getAggregates('system', filter) : undefined,
    [api, filterKey, groupBy],
  );

  const controls = (
    <Box display="flex" style={{ gap: 16 }}>
      <TextField
        id="fleet-group-by"
        select
        label="Group by"
        value={groupBy}
        onChange={e =>
          update({
            groupBy: e.target.value === 'none' ? undefined : e.target.value,
          })
        }
        SelectProps={{ native: true }}
        variant="outlined"
        size="small"
      >
        <option value="none">Nothing (entities)</option>
        <option value="owner">Owner</option>
        <option value="system">System</option>
      </TextField>
      {groupBy === 'none' && (
        <TextField
          id="fleet-order-by"
          select
          label="Sort by"
          value={orderBy}
          onChange={e =>
            update({
              orderBy: e.target.value === 'score' ? undefined : e.target.value,
            })
          }
          SelectProps={{ native: true }}
          variant="outlined"
          size="small"
        >
          <option value="score">Lowest score first</option>
          <option value="name">Name</option>
          <option value="evaluatedAt">Most recently assessed</option>
        </TextField>
      )}
    </Box>
  );

  let list;
  if (groupBy === 'none') {
    list = renderAsync(assessments, value => (
      <FleetTable
        items={value.items}
        totalCount={value.totalCount}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={p => update({ page: String(p + 1) })}
      />
    ));
  } else {
    list = renderAsync(groupBy === 'owner' ? byOwner : bySystem, groups => (
      <GroupTable
        groups={groups ?? []}
        groupLabel={groupBy === 'owner' ? 'Owner' : 'System'}
        onSelect={key => update({ [groupBy]: key, groupBy: undefined })}
      />
    ));
  }

  let title = 'Entities';
  if (groupBy !== 'none')
    title = groupBy === 'owner' ? 'By owner' : 'By system';

  return (
    <>
      <FleetFilters
        filter={filter}
        options={options}
        controls={policy.value?.controls ?? []}
        onChange={patch => update(patch)}
      />
      <Grid container spacing={3}>
        <Grid item xs={12} md={5} lg={4}>
          <InfoCard title="Overview">
            {renderAsync(byOwner, groups => (
              <FleetOverview
                groups={groups}
                onShowDr={dr => update({ drStatus: dr })}
              />
            ))}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7} lg={8}>
          <InfoCard title="Status by owner">
            {renderAsync(byOwner, groups => (
              <StatusBars
                groups={groups}
                title="Status by owner"
                onSelect={key => update({ owner: key })}
              />
            ))}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title={title} action={controls}>
            {list}
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}
