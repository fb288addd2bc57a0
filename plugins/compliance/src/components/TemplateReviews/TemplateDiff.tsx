import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { TemplateFileDiff } from '../../api/types';

const useStyles = makeStyles(theme => ({
  patch: {
    fontFamily: 'monospace',
    fontSize: 12,
    whiteSpace: 'pre',
    overflowX: 'auto',
    background: theme.palette.background.default,
    padding: theme.spacing(1),
    maxHeight: 480,
    overflowY: 'auto',
  },
  add: { color: theme.palette.success?.main ?? '#2e7d32' },
  del: { color: theme.palette.error.main },
  hunk: { color: theme.palette.info?.main ?? '#0277bd' },
}));

/** Unified diffs per file, against the last approved version. @internal */
export function TemplateDiff(props: {
  diff: TemplateFileDiff[];
  base?: string;
}) {
  const classes = useStyles();
  const lineClass = (line: string) => {
    if (line.startsWith('+')) return classes.add;
    if (line.startsWith('-')) return classes.del;
    if (line.startsWith('@@')) return classes.hunk;
    return undefined;
  };
  if (!props.diff.length)
    return <Typography>No changes against the approved version.</Typography>;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {props.diff.length} file(s) differ from{' '}
        {props.base
          ? `approved version ${props.base}`
          : 'nothing (no version was approved yet)'}
        .
      </Typography>
      {props.diff.map(file => (
        <Box key={file.path} mb={2} aria-label={`diff of ${file.path}`}>
          <Typography variant="subtitle2">
            {file.path} — {file.change}
          </Typography>
          {file.patch ? (
            <div className={classes.patch}>
              {file.patch
                .split('\n')
                .slice(2)
                .map((line, i) => (
                  <div key={i} className={lineClass(line)}>
                    {line || ' '}
                  </div>
                ))}
            </div>
          ) : (
            <Typography variant="body2">
              Binary or large file: compare by hash.
            </Typography>
          )}
        </Box>
      ))}
    </>
  );
}
