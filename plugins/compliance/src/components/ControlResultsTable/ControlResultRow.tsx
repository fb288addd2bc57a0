import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@material-ui/icons/KeyboardArrowUp';
import { Fragment, useState } from 'react';
import {
  PROVENANCE_LABELS,
  SEVERITY_LABELS,
  frameworkLabel,
} from '../../lib/labels';
import { StatusChip } from '../StatusChip';
import { ControlResultDetails } from './ControlResultDetails';
import { ControlRow } from './controlRows';

const useStyles = makeStyles(theme => ({
  main: { '& > *': { borderBottom: 'unset' } },
  // Lines break between frameworks, never inside a name.
  frameworks: { minWidth: 120, maxWidth: 170 },
  framework: { whiteSpace: 'nowrap' },
  message: { maxWidth: 320 },
  disagree: {
    color: theme.palette.warning.dark,
    marginTop: theme.spacing(0.5),
  },
  nowrap: { whiteSpace: 'nowrap' },
}));

/** @internal */
export interface ControlResultRowProps {
  row: ControlRow;
  /** Shows "Request waiver" on failing rows. */
  onRequestWaiver?: (row: ControlRow) => void;
  /** A waiver for this control is already pending. */
  waiverPending?: boolean;
}

/**
 * One control result, expandable to its details.
 *
 * @internal
 */
export function ControlResultRow(props: ControlResultRowProps) {
  const { row, onRequestWaiver, waiverPending } = props;
  const { result, control } = row;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const detailsId = `control-details-${result.controlId}`;
  const frameworks = control ? Object.keys(control.frameworks) : [];

  let action = null;
  if (result.status === 'fail' && waiverPending) {
    action = (
      <Typography variant="caption" color="textSecondary">
        Waiver pending
      </Typography>
    );
  } else if (result.status === 'fail' && onRequestWaiver) {
    action = (
      <Button
        size="small"
        className={classes.nowrap}
        variant="outlined"
        aria-label={`Request waiver for ${result.controlId}`}
        onClick={() => onRequestWaiver(row)}
      >
        Request waiver
      </Button>
    );
  }

  return (
    <>
      <TableRow className={classes.main} data-control={result.controlId}>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`${open ? 'Hide' : 'Show'} details of ${
              result.controlId
            }`}
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
          </IconButton>
        </TableCell>
        <TableCell component="th" scope="row">
          <Typography variant="body2">
            <strong>{result.controlId}</strong> {control?.title}
          </Typography>
          <Typography
            variant="caption"
            color="textSecondary"
            component="p"
            noWrap
            className={classes.message}
            title={result.message}
          >
            {result.message}
          </Typography>
        </TableCell>
        <TableCell>
          {control ? SEVERITY_LABELS[control.severity] : '—'}
        </TableCell>
        <TableCell>
          <StatusChip status={result.status} />
          {result.sources && (
            <Typography
              variant="caption"
              component="p"
              className={classes.disagree}
              title="The declared values, the repository's template and the deployed stack do not agree; open the details"
            >
              Sources disagree
            </Typography>
          )}
        </TableCell>
        <TableCell>
          <Typography variant="body2" className={classes.frameworks}>
            {frameworks.map((f, i) => (
              <Fragment key={f}>
                <span className={classes.framework}>
                  {frameworkLabel(f)}
                  {i < frameworks.length - 1 ? ',' : ''}
                </span>{' '}
              </Fragment>
            ))}
          </Typography>
        </TableCell>
        <TableCell className={classes.nowrap}>
          {row.provenances.map(p => PROVENANCE_LABELS[p]).join(', ') || '—'}
        </TableCell>
        <TableCell>{action}</TableCell>
      </TableRow>
      <TableRow>
        <TableCell style={{ paddingBottom: 0, paddingTop: 0 }} colSpan={7}>
          <Collapse in={open} timeout="auto" unmountOnExit>
            <div id={detailsId}>
              <ControlResultDetails row={row} />
            </div>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}
