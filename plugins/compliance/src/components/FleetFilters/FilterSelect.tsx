import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({ field: { minWidth: 160 } });

/**
 * A labelled filter select with "All" first; a value from the URL that is not among the
 * options is still shown, as itself.
 *
 * @internal
 */
export function FilterSelect(props: {
  /** The element id (labels and tests find the select by it). */
  id: string;
  label: string;
  value?: string;
  options: Array<[string, string]>;
  onChange: (value?: string) => void;
  className?: string;
}) {
  const classes = useStyles();
  const { id, label, value = '', onChange, className } = props;
  const options =
    value && !props.options.some(([v]) => v === value)
      ? [...props.options, [value, value] as [string, string]]
      : props.options;
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value}
      onChange={e => onChange(e.target.value || undefined)}
      SelectProps={{ native: true }}
      // Native selects show their first option: the label must sit above it, not over it.
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      className={className ?? classes.field}
    >
      <option value="">All</option>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </TextField>
  );
}
