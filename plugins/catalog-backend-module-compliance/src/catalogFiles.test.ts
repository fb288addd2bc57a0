/*
 * Checks the catalog files of this repository (catalog/ and catalog-info.yaml): every entity is
 * valid for the catalog, its refarch.dev annotations parse, every relation points at an entity
 * that exists, and every component and owner a source document names (catalog/checklists/) has
 * an entity. Failures list the offending entity and file, so a missing entity reads as such.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  isComponentClass,
  readComplianceAnnotations,
} from '@refarch/backstage-plugin-compliance-common';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CATALOG_DIR = path.resolve(__dirname, '../../../catalog');
const CHECKLIST_DIR = path.join(CATALOG_DIR, 'checklists');
const ROOT_LOCATION_FILE = path.join(REPO_ROOT, 'catalog-info.yaml');

interface LoadedEntity {
  /** Path relative to the repository root, for messages. */
  file: string;
  /** Lower-cased `kind:namespace/name`. */
  ref: string;
  entity: Entity;
}

interface ChecklistItem {
  name: string;
  entity: string;
}

function yamlFilesUnder(dir: string, skip: string[] = []): string[] {
  const out: string[] = [];
  for (const dirent of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, dirent.name);
    if (dirent.isDirectory()) {
      if (!skip.includes(full)) out.push(...yamlFilesUnder(full, skip));
    } else if (/\.ya?ml$/.test(dirent.name)) {
      out.push(full);
    }
  }
  return out.sort();
}

const relative = (file: string) => path.relative(REPO_ROOT, file);
const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

const parseErrors: string[] = [];

function loadEntities(file: string): LoadedEntity[] {
  const loaded: LoadedEntity[] = [];
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      parseErrors.push(
        `${relative(file)}: ${doc.errors.map(e => e.message).join('; ')}`,
      );
      continue;
    }
    const data = doc.toJS();
    if (data === null || data === undefined) continue;
    if (typeof data !== 'object' || Array.isArray(data)) {
      parseErrors.push(`${relative(file)}: a document is not an entity object`);
      continue;
    }
    const entity = data as Entity;
    if (
      typeof entity.kind !== 'string' ||
      typeof entity.metadata?.name !== 'string'
    ) {
      parseErrors.push(
        `${relative(file)}: a document has no kind or metadata.name`,
      );
      continue;
    }
    loaded.push({ file: relative(file), ref: refOf(entity), entity });
  }
  return loaded;
}

const entityFiles = yamlFilesUnder(CATALOG_DIR, [CHECKLIST_DIR]);
const catalogEntities = entityFiles.flatMap(loadEntities);
const rootEntities = loadEntities(ROOT_LOCATION_FILE);
const allEntities = [...catalogEntities, ...rootEntities];
const knownRefs = new Set(allEntities.map(e => e.ref));
const checklistFiles = fs.existsSync(CHECKLIST_DIR)
  ? yamlFilesUnder(CHECKLIST_DIR)
  : [];

/** Folders under catalog/ that model one source document each. */
const documentFolders = fs
  .readdirSync(CATALOG_DIR, { withFileTypes: true })
  .filter(
    d => d.isDirectory() && path.join(CATALOG_DIR, d.name) !== CHECKLIST_DIR,
  )
  .map(d => d.name)
  .sort();

const folderOf = (loaded: LoadedEntity) => {
  const parts = path
    .relative(CATALOG_DIR, path.join(REPO_ROOT, loaded.file))
    .split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
};

/** Relation fields of the built-in kinds and the kind a bare name refers to. */
const RELATION_FIELDS: Array<{ field: string; defaultKind?: string }> = [
  { field: 'owner', defaultKind: 'Group' },
  { field: 'system', defaultKind: 'System' },
  { field: 'domain', defaultKind: 'Domain' },
  { field: 'subdomainOf', defaultKind: 'Domain' },
  { field: 'subcomponentOf', defaultKind: 'Component' },
  { field: 'providesApis', defaultKind: 'API' },
  { field: 'consumesApis', defaultKind: 'API' },
  // dependsOn / dependencyOf have no default kind: a bare name is an error in the catalog too.
  { field: 'dependsOn' },
  { field: 'dependencyOf' },
  { field: 'parent', defaultKind: 'Group' },
  { field: 'children', defaultKind: 'Group' },
  { field: 'memberOf', defaultKind: 'Group' },
  { field: 'members', defaultKind: 'User' },
];

function relationTargets(
  loaded: LoadedEntity,
): Array<{ field: string; raw: unknown; ref?: string; error?: string }> {
  const spec = (loaded.entity.spec ?? {}) as Record<string, unknown>;
  const namespace = loaded.entity.metadata.namespace ?? 'default';
  const out: Array<{
    field: string;
    raw: unknown;
    ref?: string;
    error?: string;
  }> = [];
  for (const { field, defaultKind } of RELATION_FIELDS) {
    const value = spec[field];
    if (value === undefined) continue;
    for (const raw of Array.isArray(value) ? value : [value]) {
      if (typeof raw !== 'string') {
        out.push({ field, raw, error: 'is not a string' });
        continue;
      }
      try {
        const parsed = parseEntityRef(raw, {
          defaultKind,
          defaultNamespace: namespace,
        });
        out.push({
          field,
          raw,
          ref: stringifyEntityRef(parsed).toLocaleLowerCase('en-US'),
        });
      } catch (error) {
        out.push({ field, raw, error: (error as Error).message });
      }
    }
  }
  return out;
}

/** Glob to RegExp for Location targets: `*` within one path segment, `**` across segments. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

describe('catalog files', () => {
  it('parse as YAML entities', () => {
    expect(parseErrors).toEqual([]);
    expect(documentFolders.length).toBeGreaterThan(0);
    const emptyFolders = documentFolders.filter(
      folder => !catalogEntities.some(e => folderOf(e) === folder),
    );
    expect(emptyFolders).toEqual([]);
  });

  it('have unique entity refs', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { ref, file } of allEntities) {
      if (seen.has(ref))
        duplicates.push(`${ref} in ${file} and ${seen.get(ref)}`);
      else seen.set(ref, file);
    }
    expect(duplicates).toEqual([]);
  });

  it('pass the catalog entity policies', async () => {
    const policy = EntityPolicies.allOf([
      new DefaultNamespaceEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new SchemaValidEntityPolicy(),
    ]);
    const problems: string[] = [];
    for (const { ref, file, entity } of allEntities) {
      try {
        await policy.enforce(structuredClone(entity));
      } catch (error) {
        problems.push(`${ref} (${file}): ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('match the schema of their kind', async () => {
    const validators: KindValidator[] = [
      apiEntityV1alpha1Validator,
      componentEntityV1alpha1Validator,
      domainEntityV1alpha1Validator,
      groupEntityV1alpha1Validator,
      locationEntityV1alpha1Validator,
      resourceEntityV1alpha1Validator,
      systemEntityV1alpha1Validator,
      userEntityV1alpha1Validator,
    ];
    const problems: string[] = [];
    for (const { ref, file, entity } of allEntities) {
      let matched = false;
      for (const validator of validators) {
        try {
          if (await validator.check(structuredClone(entity))) matched = true;
        } catch (error) {
          problems.push(`${ref} (${file}): ${(error as Error).message}`);
        }
      }
      if (!matched)
        problems.push(
          `${ref} (${file}): no validator accepts kind ${entity.kind}`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('use the default namespace explicitly', () => {
    const problems = allEntities
      .filter(e => e.entity.metadata.namespace !== 'default')
      .map(e => `${e.ref} (${e.file}): metadata.namespace must be "default"`);
    expect(problems).toEqual([]);
  });

  it('carry valid refarch.dev annotations', () => {
    const problems: string[] = [];
    for (const { ref, file, entity } of allEntities) {
      const { errors } = readComplianceAnnotations(entity.metadata.annotations);
      problems.push(...errors.map(message => `${ref} (${file}): ${message}`));
    }
    expect(problems).toEqual([]);
  });

  it('type every Component and Resource with a known component class', () => {
    const problems = allEntities
      .filter(
        ({ entity }) =>
          entity.kind === 'Component' || entity.kind === 'Resource',
      )
      .filter(
        ({ entity }) =>
          !isComponentClass((entity.spec as { type?: unknown })?.type),
      )
      .map(
        ({ ref, file, entity }) =>
          `${ref} (${file}): spec.type "${String(
            (entity.spec as { type?: unknown })?.type,
          )}" is not a component class`,
      );
    expect(problems).toEqual([]);
  });

  it('point every relation at an entity that exists', () => {
    const problems: string[] = [];
    for (const loaded of allEntities) {
      for (const target of relationTargets(loaded)) {
        if (target.error) {
          problems.push(
            `${loaded.ref} (${loaded.file}): spec.${target.field} "${String(
              target.raw,
            )}" ${target.error}`,
          );
        } else if (!knownRefs.has(target.ref!)) {
          problems.push(
            `${loaded.ref} (${loaded.file}): spec.${target.field} → ${target.ref} does not exist`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('are owned by groups', () => {
    const problems: string[] = [];
    for (const loaded of allEntities) {
      for (const target of relationTargets(loaded).filter(
        t => t.field === 'owner',
      )) {
        if (target.ref && !target.ref.startsWith('group:')) {
          problems.push(
            `${loaded.ref} (${loaded.file}): owner ${target.ref} is not a Group`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('place components and resources in a system, and systems in a domain', () => {
    const problems: string[] = [];
    for (const { ref, file, entity } of allEntities) {
      const spec = (entity.spec ?? {}) as Record<string, unknown>;
      if (
        (entity.kind === 'Component' || entity.kind === 'Resource') &&
        !spec.system
      ) {
        problems.push(`${ref} (${file}): has no spec.system`);
      }
    }
    for (const loaded of catalogEntities) {
      if (
        loaded.entity.kind === 'System' &&
        folderOf(loaded) &&
        !(loaded.entity.spec as { domain?: unknown })?.domain
      ) {
        problems.push(`${loaded.ref} (${loaded.file}): has no spec.domain`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('name the source document in every document folder, one document per folder', () => {
    const problems: string[] = [];
    for (const folder of documentFolders) {
      const entities = catalogEntities.filter(e => folderOf(e) === folder);
      const documents = new Set<string>();
      for (const { ref, file, entity } of entities) {
        const source =
          entity.metadata.annotations?.[ANNOTATIONS.sourceDocument];
        if (!source)
          problems.push(
            `${ref} (${file}): has no ${ANNOTATIONS.sourceDocument}`,
          );
        else if (!/^\d{3}_[0-9a-f]{16}\.txt$/.test(source))
          problems.push(
            `${ref} (${file}): source document "${source}" is not a seed file name`,
          );
        else documents.add(source);
      }
      if (documents.size > 1)
        problems.push(
          `catalog/${folder}: entities name several source documents (${[
            ...documents,
          ].join(', ')})`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('cite the document section every value comes from', () => {
    // A value the document does not state is absent; one it does state can be checked by a
    // reader: refarch.dev/source names the section ("004 §5.2"), of the entity's own document.
    const problems: string[] = [];
    const bare = new Set<string>([
      ANNOTATIONS.sourceDocument,
      ANNOTATIONS.source,
      ANNOTATIONS.annotationErrors,
    ]);
    for (const { ref, file, entity } of catalogEntities) {
      const annotations = entity.metadata.annotations ?? {};
      const values = Object.keys(annotations).filter(
        name => name.startsWith('refarch.dev/') && !bare.has(name),
      );
      if (values.length === 0) continue;
      const source = annotations[ANNOTATIONS.source];
      const document = annotations[ANNOTATIONS.sourceDocument]?.slice(0, 3);
      if (!source)
        problems.push(
          `${ref} (${file}): carries ${values.join(', ')} but no ${
            ANNOTATIONS.source
          } citing the document section`,
        );
      else if (!/^\d{3} §\S/.test(source) || source.slice(0, 3) !== document)
        problems.push(
          `${ref} (${file}): ${ANNOTATIONS.source} "${source}" must cite a section of its own document ${document} ("${document} §…")`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('never put an invented verdict-driving value on an entity', () => {
    // Issue 21: values no document states, which used to drive verdicts.
    const problems: string[] = [];
    for (const { ref, file, entity } of catalogEntities) {
      const a = entity.metadata.annotations ?? {};
      if (
        a[ANNOTATIONS.tier] !== undefined &&
        !/^(assumed|todo)\b/i.test(a[ANNOTATIONS.tier])
      )
        problems.push(
          `${ref} (${file}): refarch.dev/tier "${
            a[ANNOTATIONS.tier]
          }": no document states a tier; write it as "assumed: <tier>, <why>" or leave it out`,
        );
      if (
        (entity.spec as { type?: string })?.type === 'database' &&
        /pgbouncer|proxy/i.test(entity.metadata.name)
      )
        problems.push(
          `${ref} (${file}): a connection pooler is not a database (connection-pooler)`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('are all registered by catalog-info.yaml, and the checklists are not', () => {
    const targets = rootEntities
      .filter(({ entity }) => entity.kind === 'Location')
      .flatMap(({ entity }) => {
        const spec = entity.spec as { target?: string; targets?: string[] };
        return [...(spec.target ? [spec.target] : []), ...(spec.targets ?? [])];
      })
      .map(target =>
        globToRegExp(
          path.posix.join(REPO_ROOT.split(path.sep).join('/'), target),
        ),
      );
    const posix = (file: string) => file.split(path.sep).join('/');
    const unregistered = entityFiles
      .filter(file => !targets.some(re => re.test(posix(file))))
      .map(
        file =>
          `${relative(
            file,
          )} is not matched by any Location target in catalog-info.yaml`,
      );
    const registeredChecklists = checklistFiles
      .filter(file => targets.some(re => re.test(posix(file))))
      .map(
        file =>
          `${relative(file)} is a checklist but a Location target matches it`,
      );
    expect([...unregistered, ...registeredChecklists]).toEqual([]);
  });
});

describe('checklists', () => {
  it('exist for every document folder', () => {
    const names = checklistFiles.map(file =>
      path.basename(file).replace(/\.ya?ml$/, ''),
    );
    expect(names.sort()).toEqual(documentFolders);
  });

  it.each(checklistFiles.map(file => [relative(file), file]))(
    '%s: every named component and owner has an entity',
    (_name, file) => {
      const items = parse(fs.readFileSync(file, 'utf8')) as ChecklistItem[];
      expect(Array.isArray(items)).toBe(true);
      expect(items.length).toBeGreaterThan(0);
      const missing: string[] = [];
      for (const item of items) {
        if (
          typeof item?.name !== 'string' ||
          typeof item?.entity !== 'string'
        ) {
          missing.push(`malformed entry ${JSON.stringify(item)}`);
          continue;
        }
        let ref: string;
        try {
          ref = stringifyEntityRef(
            parseEntityRef(item.entity),
          ).toLocaleLowerCase('en-US');
        } catch (error) {
          missing.push(
            `"${item.name}": ${item.entity} is not a full entity ref (${
              (error as Error).message
            })`,
          );
          continue;
        }
        if (!knownRefs.has(ref))
          missing.push(`"${item.name}": no entity ${ref}`);
      }
      expect(missing).toEqual([]);
    },
  );
});
