import {
  Assessment,
  Severity,
  SEVERITIES,
} from '@refarch/backstage-plugin-compliance-common';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import {
  parseTemplate,
  resolveTemplate,
  TemplateError,
} from '../cloudformation';
import { evaluateEntity } from '../evaluator/evaluateEntity';
import { EvaluationInput } from '../evaluator/EvaluationInput';
import { Policy } from '@refarch/backstage-plugin-compliance-common';
import { createHash } from 'crypto';
import { looksLikeTemplate } from '../cloudformation/looksLikeTemplate';

/** One template's assessment, as the CLI and the scaffolder action report it. @public */
export interface TemplateReport {
  file: string;
  assessment: Assessment;
}

const TEMPLATE_FILE = /\.(ya?ml|json|template)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);
const MIB = 1024 * 1024;

/** Limits of a workspace check; every one is named in the error when exceeded. @public */
export interface WorkspaceLimits {
  /** Most templates checked in a folder; more is an error, never a silent cut. Default 5,000. */
  maxFiles?: number;
  /** Largest template or catalog-info.yaml read, in bytes. Default 5 MiB. */
  maxBytes?: number;
}

/** Something under the target that could not be checked: the CLI names it and exits 2. @public */
export class WorkspaceError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'WorkspaceError';
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'a symbolic link loop';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message;
}

/** Reads at most `bytes` bytes from the start of a file, without reading the rest. */
function readHead(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const buffer = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a regular file of at most `maxBytes` (checked before reading), as UTF-8 text:
 * devices, FIFOs, oversized files and other encodings are errors naming the file.
 */
function readTextFile(file: string, shown: string, maxBytes: number): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new WorkspaceError(shown, describeFsError(e));
  }
  if (!stat.isFile())
    throw new WorkspaceError(
      shown,
      'not a regular file (a device, FIFO or folder)',
    );
  if (stat.size > maxBytes)
    throw new WorkspaceError(
      shown,
      `the file is ${stat.size} bytes, over the limit of ${maxBytes} bytes`,
    );
  const buffer = readHead(file, maxBytes + 1);
  if (buffer.length > maxBytes)
    throw new WorkspaceError(
      shown,
      `the file grew over the limit of ${maxBytes} bytes`,
    );
  checkEncoding(buffer, shown);
  return buffer;
}

function checkEncoding(buffer: Buffer, shown: string) {
  if (
    (buffer[0] === 0xff && buffer[1] === 0xfe) ||
    (buffer[0] === 0xfe && buffer[1] === 0xff) ||
    buffer.subarray(0, 4096).includes(0)
  )
    throw new WorkspaceError(
      shown,
      'the file is UTF-16 or binary; templates must be UTF-8',
    );
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new WorkspaceError(shown, 'the file is not valid UTF-8');
  }
}

/**
 * Finds CloudFormation templates under a path: files whose start looks like one. More than
 * `maxFiles` is an error naming the limit, never a silent cut.
 *
 * @public
 */
export function findTemplates(target: string, maxFiles = 5000): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (e) {
    throw new WorkspaceError(target, describeFsError(e));
  }
  if (stat.isFile()) return [target];
  if (!stat.isDirectory())
    throw new WorkspaceError(target, 'not a regular file or folder');
  const out: string[] = [];
  // Iterative: a deep tree of folders must not exhaust the stack.
  const dirs = [target];
  while (dirs.length) {
    const dir = dirs.pop()!;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // Symbolic links are not followed: they may point outside the folder or loop.
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) dirs.push(full);
      else if (
        entry.isFile() &&
        TEMPLATE_FILE.test(entry.name) &&
        entry.name !== 'catalog-info.yaml' &&
        looksLikeTemplate(readHead(full, 4096).toString('utf8'))
      ) {
        if (out.length >= maxFiles)
          throw new WorkspaceError(
            target,
            `more than ${maxFiles} CloudFormation templates (the limit); check a smaller folder`,
          );
        out.push(full);
      }
    }
  }
  return out.sort();
}

/** Annotations of the catalog-info.yaml next to (or above) a template, when there is one. */
function catalogAnnotations(
  file: string,
  root: string,
  cache: Map<string, CatalogInfo | undefined>,
  maxBytes: number,
): CatalogInfo | undefined {
  for (
    let dir = path.dirname(file);
    dir === root || dir.startsWith(root + path.sep);
    dir = path.dirname(dir)
  ) {
    if (!cache.has(dir)) cache.set(dir, readCatalogInfo(dir, root, maxBytes));
    const found = cache.get(dir);
    if (found) return found;
    if (dir === path.dirname(dir)) break;
  }
  return undefined;
}

type CatalogInfo = {
  name: string;
  kind: string;
  type?: string;
  annotations: Record<string, string>;
};

/** The entity of a folder's catalog-info.yaml, read once, within limits, errors naming it. */
function readCatalogInfo(
  dir: string,
  root: string,
  maxBytes: number,
): CatalogInfo | undefined {
  {
    const info = path.join(dir, 'catalog-info.yaml');
    const shown = path.relative(root, info) || info;
    if (fs.existsSync(info)) {
      const text = readTextFile(info, shown, maxBytes).toString('utf8');
      let docs: any[];
      try {
        docs = YAML.parseAllDocuments(text).map(d => {
          if (d.errors.length) throw d.errors[0];
          return d.toJS({ maxAliasCount: 100 });
        });
      } catch (e) {
        throw new WorkspaceError(
          shown,
          `invalid YAML: ${(e as Error).message.split('\n')[0]}`,
        );
      }
      const entity = docs.find(
        d =>
          d &&
          (d.kind === 'Component' ||
            d.kind === 'Resource' ||
            d.kind === 'System'),
      );
      if (entity)
        return {
          name: entity.metadata?.name,
          kind: entity.kind,
          type: entity.spec?.type,
          annotations: entity.metadata?.annotations ?? {},
        };
    }
  }
  return undefined;
}

/**
 * Assesses every CloudFormation template under `target` with the policy: each template as
 * the entity its catalog-info.yaml describes (tier, region, classification), or as an
 * anonymous environment when there is none.
 *
 * @public
 */
export function checkWorkspace(
  target: string,
  policy: Policy,
  options: {
    parameters?: Record<string, string>;
    now?: Date;
    /** Report file names relative to this folder (default: the working directory). */ relativeTo?: string;
  } & WorkspaceLimits = {},
): TemplateReport[] {
  const maxBytes = options.maxBytes ?? 5 * MIB;
  let isFile: boolean;
  try {
    isFile = fs.statSync(target).isFile();
  } catch (e) {
    throw new WorkspaceError(target, describeFsError(e));
  }
  const root = fs.realpathSync(
    path.resolve(isFile ? path.dirname(target) : target),
  );
  const catalogInfos = new Map<string, CatalogInfo | undefined>();
  return findTemplates(path.resolve(target), options.maxFiles).map(file => {
    const source = path.relative(root, fs.realpathSync(file)) || file;
    const input: EvaluationInput = {
      entity: {
        ref: `resource:default/${path.basename(file).replace(/\.[^.]+$/, '')}`,
        kind: 'Resource',
        name: path.basename(file),
        type: 'environment',
        annotations: {},
      },
      evidence: [],
      waivers: [],
      dependencies: [],
      now: options.now ?? new Date(),
    };
    try {
      const entity = catalogAnnotations(
        fs.realpathSync(file),
        root,
        catalogInfos,
        maxBytes,
      );
      if (entity) {
        input.entity = {
          ref: `${entity.kind.toLocaleLowerCase('en-US')}:default/${
            entity.name
          }`,
          kind: entity.kind,
          name: entity.name,
          type: entity.type ?? 'environment',
          annotations: entity.annotations,
        };
      }
      const text = readTextFile(file, source, maxBytes);
      const parsed = parseTemplate(text, { fileName: source, maxBytes });
      // A nested stack that cannot be read leaves part of the template unchecked: an error.
      const problems: string[] = [];
      const loadNested = (url: string) => {
        try {
          const nested = path.resolve(path.dirname(file), url);
          let real: string;
          try {
            real = fs.realpathSync(nested);
          } catch (e) {
            throw new TemplateError(
              'nested-not-found',
              `nested template "${url}": ${describeFsError(e)}`,
            );
          }
          if (!real.startsWith(root + path.sep))
            throw new TemplateError(
              'path-escape',
              `nested template "${url}" is outside ${root} (symbolic links are resolved)`,
            );
          const nestedText = readTextFile(real, url, maxBytes);
          return parseTemplate(nestedText, { fileName: url, maxBytes });
        } catch (e) {
          problems.push((e as Error).message);
          throw e instanceof TemplateError
            ? e
            : new TemplateError('nested-not-found', (e as Error).message);
        }
      };
      const template = resolveTemplate(parsed, {
        parameters: options.parameters,
        region: input.entity.annotations['refarch.dev/region'],
        loadNested,
      });
      if (problems.length)
        throw new Error(`${source}: not checked: ${problems.join('; ')}`);
      input.iac = {
        template,
        source,
        contentHash: createHash('sha256').update(text).digest('hex'),
      };
    } catch (e) {
      input.iac = { error: (e as Error).message, source };
    }
    return {
      file: path.relative(options.relativeTo ?? process.cwd(), file),
      assessment: evaluateEntity(input, policy),
    };
  });
}

/** Failing results at or above a severity. @public */
export function failuresAtOrAbove(
  report: TemplateReport,
  policy: Policy,
  threshold: Severity,
) {
  const rank = (s: Severity) => SEVERITIES.length - SEVERITIES.indexOf(s);
  const severity = new Map(policy.controls.map(c => [c.id, c.severity]));
  return report.assessment.results.filter(
    r =>
      r.status === 'fail' &&
      rank(severity.get(r.controlId) ?? 'low') >= rank(threshold),
  );
}
