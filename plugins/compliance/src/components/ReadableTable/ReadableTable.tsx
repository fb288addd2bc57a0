import Box from '@material-ui/core/Box';
import Table, { TableProps } from '@material-ui/core/Table';
import Typography, { TypographyProps } from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  // Cells hold chips, ids, dates and refs: none of them may break inside a word, so a cell
  // never wraps; long prose goes through TruncatedText, which keeps one line with a tooltip.
  table: {
    '& th, & td': {
      whiteSpace: 'nowrap',
      overflowWrap: 'normal',
      wordBreak: 'normal',
    },
    '& th .MuiButton-label, & td .MuiButton-label': { whiteSpace: 'nowrap' },
  },
  truncated: {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

/**
 * A table whose cells never wrap inside a word: cells stay on one line and the table scrolls
 * sideways in its card when it is wider than the card.
 *
 * @internal
 */
export function ReadableTable(props: TableProps & { children: ReactNode }) {
  const classes = useStyles();
  const { className, ...rest } = props;
  return (
    <Box className={classes.scroll}>
      <Table
        size="small"
        {...rest}
        className={[classes.table, className].filter(Boolean).join(' ')}
      />
    </Box>
  );
}

/**
 * One line of text cut with an ellipsis at `maxWidth`; the whole text is in the native
 * tooltip (`title`; MUI's Tooltip warns about findDOMNode in strict mode) and in the DOM.
 *
 * @internal
 */
export function TruncatedText(props: {
  text: string;
  maxWidth: number | string;
  variant?: TypographyProps['variant'];
  color?: TypographyProps['color'];
  component?: 'span' | 'p' | 'div';
}) {
  const classes = useStyles();
  const {
    text,
    maxWidth,
    variant = 'body2',
    color,
    component = 'span',
  } = props;
  return (
    <Typography
      variant={variant}
      color={color}
      component={component}
      className={classes.truncated}
      style={{ maxWidth }}
      title={text}
      data-truncated="true"
    >
      {text}
    </Typography>
  );
}
