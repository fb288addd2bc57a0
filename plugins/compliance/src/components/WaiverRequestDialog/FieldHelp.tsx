import Box from '@material-ui/core/Box';

/**
 * A field's helper line: the guidance or the error on the left, the length counter on the
 * right (never wrapping inside the counter).
 *
 * @internal
 */
export function FieldHelp(props: { message: string; counter: string }) {
  return (
    <Box
      component="span"
      display="flex"
      justifyContent="space-between"
      style={{ gap: 16 }}
    >
      <span>{props.message}</span>
      <span style={{ whiteSpace: 'nowrap' }}>{props.counter}</span>
    </Box>
  );
}
