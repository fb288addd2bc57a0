import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  CONTROL_STATUSES,
  FRAMEWORKS,
  SEVERITIES,
} from '@refarch/backstage-plugin-compliance-common';
import { ChangeEvent } from 'react';
import {
  PROVENANCES,
  PROVENANCE_LABELS,
  SEVERITY_LABELS,
  frameworkLabel,
} from '../../lib/labels';
import { statusLabel } from '../StatusChip';
import { ControlRowFilter } from './controlRows';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  field: { minWidth: 180 },
}));

function FilterSelect(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Array<[string, string]>;
}) {
  const classes = useStyles();
  const id = `control-filter-${props.label.toLocaleLowerCase('en-US')}`;
  return (
    <TextField
      id={id}
      select
      label={props.label}
      value={props.value}
      onChange={(e: ChangeEvent<HTMLInputElement>) =>
        props.onChange(e.target.value)
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      className={classes.field}
    >
      {props.options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </TextField>
  );
}

/**
 * Status, severity, framework and provenance filters of the control table.
 *
 * @internal
 */
export function ControlFilters(props: {
  filter: ControlRowFilter;
  onChange: (filter: ControlRowFilter) => void;
}) {
  const { filter, onChange } = props;
  const classes = useStyles();
  const set = (patch: Partial<ControlRowFilter>) =>
    onChange({ ...filter, ...patch });
  return (
    <Box className={classes.bar} role="group" aria-label="Filter controls">
      <FilterSelect
        label="Status"
        value={filter.status}
        onChange={v => set({ status: v as ControlRowFilter['status'] })}
        options={[
          ['applicable', 'All applicable'],
          ['all', 'All'],
          ...CONTROL_STATUSES.map(s => [s, statusLabel(s)] as [string, string]),
        ]}
      />
      <FilterSelect
        label="Severity"
        value={filter.severity ?? ''}
        onChange={v =>
          set({ severity: (v || undefined) as ControlRowFilter['severity'] })
        }
        options={[
          ['', 'All'],
          ...SEVERITIES.map(s => [s, SEVERITY_LABELS[s]] as [string, string]),
        ]}
      />
      <FilterSelect
        label="Framework"
        value={filter.framework ?? ''}
        onChange={v => set({ framework: v || undefined })}
        options={[
          ['', 'All'],
          ...FRAMEWORKS.map(f => [f, frameworkLabel(f)] as [string, string]),
        ]}
      />
      <FilterSelect
        label="Provenance"
        value={filter.provenance ?? ''}
        onChange={v =>
          set({
            provenance: (v || undefined) as ControlRowFilter['provenance'],
          })
        }
        options={[
          ['', 'All'],
          ...PROVENANCES.map(
            p => [p, PROVENANCE_LABELS[p]] as [string, string],
          ),
        ]}
      />
    </Box>
  );
}
