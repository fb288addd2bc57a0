import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  EntityPickerUiOptions,
  entityPickerFilter,
} from './entityPickerFilter';
import { EntityOption, entityOption, useEntitySearch } from './useEntitySearch';

/** The name templates use: `ui:field: ComplianceEntityPicker`. @public */
export const ENTITY_PICKER_FIELD = 'ComplianceEntityPicker';

/** `group:default/platform-engineering` from a value, short-form ones completed; else undefined. */
function fullRef(
  value: string | undefined,
  defaults: { defaultKind?: string; defaultNamespace?: string },
): string | undefined {
  if (!value) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(value, defaults));
  } catch {
    return undefined;
  }
}

/** What the list says when the catalog has nothing for the term. */
function noMatchText(kinds: string[], term: string): string {
  const kind = kinds.length ? kinds.join(' or ') : 'entity';
  return term
    ? `No ${kind} named or titled '${term}'`
    : `No ${kind} in the catalog`;
}

/**
 * A catalog entity of a template's form, found by its name or its title: the catalog does
 * the search (`queryEntities` with a full-text filter on `metadata.name` and `metadata.title`,
 * within the field's `ui:options.catalogFilter`), so typing `platform-engineering` finds the
 * group titled "Platform Engineering", which the stock pickers (matching titles only) do not.
 * Each choice shows its title and, below it, its ref; the value is the full ref
 * (`group:default/platform-engineering`), as the stock pickers store it. A short-form value
 * is completed with `defaultKind` (else the filter's only kind) and `defaultNamespace`.
 *
 * @public
 */
export function ComplianceEntityPicker(
  props: FieldExtensionComponentProps<string, EntityPickerUiOptions>,
) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    required,
    rawErrors,
    idSchema,
    disabled,
    readonly,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  // The form hands a new uiSchema object to every render; its content is the template's JSON.
  const optionsJson = JSON.stringify(uiSchema?.['ui:options'] ?? {});
  const { filter, kinds, defaultKind, defaultNamespace } = useMemo(
    () => entityPickerFilter(JSON.parse(optionsJson)),
    [optionsJson],
  );
  const selectedRef = fullRef(formData, { defaultKind, defaultNamespace });
  const id = idSchema?.$id ?? 'entity';

  // A short-form value (a template default, a prefilled form) is stored as the full ref.
  useEffect(() => {
    if (selectedRef && formData !== selectedRef) onChange(selectedRef);
  }, [selectedRef, formData, onChange]);

  const [picked, setPicked] = useState<EntityOption | null>(null);
  const [open, setOpen] = useState(false);
  const [inputValue, setInputValue] = useState('');
  const [query, setQuery] = useState('');
  const search = useEntitySearch({ query, filter, open });

  // A value not chosen here (the form's state, a prefilled form) is shown with its title.
  const lookupRef = selectedRef !== picked?.ref ? selectedRef : undefined;
  const lookup = useAsync(async () => {
    if (!lookupRef) return undefined;
    const entity = await catalogApi.getEntityByRef(lookupRef);
    return entity ? entityOption(entity) : undefined;
  }, [catalogApi, lookupRef]);

  // One object per value: the Autocomplete resets the box's text whenever the value changes.
  const value = useMemo<EntityOption | null>(() => {
    if (!selectedRef) return null;
    if (picked?.ref === selectedRef) return picked;
    return lookup.value ?? { ref: selectedRef, title: selectedRef };
  }, [selectedRef, picked, lookup.value]);

  // The list shows the catalog's answer only; the value is among the options for the
  // Autocomplete's own bookkeeping.
  const options =
    value && !search.options.some(o => o.ref === value!.ref)
      ? [...search.options, value]
      : search.options;

  const catalogError = search.error ?? lookup.error;
  const description =
    (uiSchema?.['ui:description'] as string | undefined) ?? schema.description;
  let helperText: string | undefined = description;
  if (catalogError)
    helperText = `${
      description ? `${description} ` : ''
    }(the catalog could not be searched: ${catalogError.message})`;
  if (rawErrors?.length) helperText = rawErrors.join('; ');

  return (
    <Autocomplete<EntityOption>
      id={id}
      fullWidth
      disabled={disabled || readonly}
      value={value}
      options={options}
      filterOptions={() => search.options}
      getOptionLabel={o => o.title}
      getOptionSelected={(o, v) => o.ref === v.ref}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      inputValue={inputValue}
      onInputChange={(_event, text, reason) => {
        setInputValue(text);
        // A chosen value's title fills the box ('reset'): the list then offers everything.
        setQuery(reason === 'input' ? text : '');
      }}
      onChange={(_event, option) => {
        setPicked(option);
        onChange(option?.ref);
      }}
      loading={search.loading}
      loadingText="Searching the catalog…"
      noOptionsText={
        search.error
          ? 'The catalog could not be searched'
          : noMatchText(kinds, search.term)
      }
      renderOption={o => (
        <div>
          <Typography variant="body1">{o.title}</Typography>
          <Typography variant="body2" color="textSecondary">
            {o.ref}
          </Typography>
        </div>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Entity'}
          variant="outlined"
          margin="normal"
          required={required}
          error={!!rawErrors?.length || !!catalogError}
          helperText={helperText}
          InputProps={{
            ...params.InputProps,
            endAdornment: (
              <>
                {search.loading && (
                  <CircularProgress
                    color="inherit"
                    size={20}
                    aria-label="Searching the catalog"
                  />
                )}
                {params.InputProps.endAdornment}
              </>
            ),
          }}
        />
      )}
    />
  );
}
