import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  DRIFT_STATES,
  FRAMEWORKS,
  FleetFilterKey,
} from '@refarch/backstage-plugin-compliance-common';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { FleetFilter, PolicyControl } from '../../api';
import { shortRef } from '../../lib/format';
import { frameworkLabel } from '../../lib/labels';
import { statusLabel } from '../StatusChip';
import { FilterSelect } from './FilterSelect';

const STATUSES = ['pass', 'fail', 'warn', 'unknown', 'not-applicable', 'error'];
const DR_STATUSES = ['met', 'breached', 'at-risk', 'unknown', 'not-applicable'];

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  search: { minWidth: 240 },
}));

/** @internal */
export interface FleetFilterOptions {
  owner: string[];
  system: string[];
  domain: string[];
  kind: string[];
}

/** The filters this bar sets: every fleet filter but the search box and controlStatus. */
type SingleKey = Exclude<FleetFilterKey, 'search' | 'controlStatus'>;

/** @internal */
export interface FleetFiltersProps {
  filter: FleetFilter;
  options: FleetFilterOptions;
  controls: PolicyControl[];
  onChange: (
    patch: Partial<Record<SingleKey | 'search', string | undefined>>,
  ) => void;
}

function Select(props: {
  id: string;
  label: string;
  value?: string;
  options: Array<[string, string]>;
  onChange: (v?: string) => void;
}) {
  return <FilterSelect {...props} id={`fleet-filter-${props.id}`} />;
}

const refOptions = (refs: string[]) =>
  refs
    .filter(r => r !== '(none)')
    .map(r => [r, shortRef(r)] as [string, string]);

/**
 * The fleet filters; every change lands in the URL (the search after a short pause).
 *
 * @internal
 */
export function FleetFilters(props: FleetFiltersProps) {
  const { filter, options, controls, onChange } = props;
  const classes = useStyles();
  const [search, setSearch] = useState(filter.search ?? '');

  useDebounce(
    () => {
      if (search.trim() !== (filter.search ?? ''))
        onChange({ search: search.trim() || undefined });
    },
    300,
    [search],
  );

  const active = Object.values(filter).some(v => v !== undefined);

  return (
    <Box className={classes.bar} role="search" aria-label="Filter entities">
      <TextField
        id="fleet-filter-search"
        type="search"
        label="Search by name"
        value={search}
        onChange={e => setSearch(e.target.value)}
        variant="outlined"
        size="small"
        className={classes.search}
        inputProps={{ maxLength: 100 }}
      />
      <Select
        id="owner"
        label="Owner"
        value={filter.owner?.[0]}
        options={refOptions(options.owner)}
        onChange={v => onChange({ owner: v })}
      />
      <Select
        id="system"
        label="System"
        value={filter.system?.[0]}
        options={refOptions(options.system)}
        onChange={v => onChange({ system: v })}
      />
      <Select
        id="domain"
        label="Domain"
        value={filter.domain?.[0]}
        options={refOptions(options.domain)}
        onChange={v => onChange({ domain: v })}
      />
      <Select
        id="kind"
        label="Kind"
        value={filter.kind?.[0]}
        options={options.kind.map(k => [k, k] as [string, string])}
        onChange={v => onChange({ kind: v })}
      />
      <Select
        id="status"
        label="Status"
        value={filter.status?.[0]}
        options={STATUSES.map(s => [s, statusLabel(s)] as [string, string])}
        onChange={v => onChange({ status: v })}
      />
      <Select
        id="dr-status"
        label="DR status"
        value={filter.drStatus?.[0]}
        options={DR_STATUSES.map(s => [s, statusLabel(s)] as [string, string])}
        onChange={v => onChange({ drStatus: v })}
      />
      <Select
        id="drift"
        label="Drift"
        value={filter.drift?.[0]}
        options={DRIFT_STATES.map(s => [s, statusLabel(s)] as [string, string])}
        onChange={v => onChange({ drift: v })}
      />
      <Select
        id="framework"
        label="Framework"
        value={filter.framework?.[0]}
        options={FRAMEWORKS.map(
          f => [f, frameworkLabel(f)] as [string, string],
        )}
        onChange={v => onChange({ framework: v })}
      />
      <Select
        id="control"
        label="Failing control"
        value={filter.control}
        options={controls.map(
          c => [c.id, `${c.id} ${c.title}`] as [string, string],
        )}
        onChange={v => onChange({ control: v })}
      />
      {active && (
        <Button
          onClick={() => {
            setSearch('');
            onChange({
              owner: undefined,
              system: undefined,
              domain: undefined,
              kind: undefined,
              status: undefined,
              drStatus: undefined,
              drift: undefined,
              framework: undefined,
              control: undefined,
              search: undefined,
            });
          }}
        >
          Clear filters
        </Button>
      )}
    </Box>
  );
}
