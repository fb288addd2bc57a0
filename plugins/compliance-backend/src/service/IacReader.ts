import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import {
  Entity,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  parseLocationRef,
} from '@backstage/catalog-model';
import { isError, NotModifiedError } from '@backstage/errors';
import {
  ParsedTemplate,
  TemplateError,
  TemplateInput,
  parseTemplate,
  resolveTemplate,
} from '@refarch/backstage-plugin-compliance-node';
import { ANNOTATIONS } from '@refarch/backstage-plugin-compliance-common';
import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';

/** @public */
export type IacResult = TemplateInput | { error: string; source: string };

interface CacheEntry {
  /** mtime+size for files, ETag for URLs. */
  version: string;
  /** Nested templates the result was built from, with their versions. */
  nested?: Array<{ file: string; version: string }>;
  result: IacResult;
}

const fileVersion = (file: string) => {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}:${stat.size}` : 'missing';
};

/** A template path relative to the entity's `file` location. */
const localFile = (target: string, ref: string) =>
  path.resolve(path.dirname(target), ref);

/**
 * Reads the CloudFormation template an entity references: through the UrlReader for
 * entities from URL locations, or from disk for entities from `file` locations, confined
 * to the allowed roots (a path that escapes them is an error on that entity). Parsed
 * templates are cached by file version / ETag, so an idle pass reads nothing twice.
 *
 * @public
 */
export class IacReader {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      logger: LoggerService;
      /** Absolute, real paths of the local roots templates may be read from. */
      allowedRoots: string[];
      maxBytes: number;
    },
  ) {}

  static create(options: {
    urlReader: UrlReaderService;
    logger: LoggerService;
    allowedRoots: string[];
    maxBytes?: number;
  }) {
    const roots = options.allowedRoots.map(r => {
      const abs = path.resolve(r);
      return fs.existsSync(abs) ? fs.realpathSync(abs) : abs;
    });
    return new IacReader({
      ...options,
      allowedRoots: roots,
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    });
  }

  async read(entity: Entity): Promise<IacResult | undefined> {
    const ref = entity.metadata.annotations?.[ANNOTATIONS.cloudformation];
    if (!ref) return undefined;
    // The region resolves AWS::Region (VPC endpoint names, ARNs) as a deployment would.
    const region = entity.metadata.annotations?.[ANNOTATIONS.region];
    const location =
      entity.metadata.annotations?.[ANNOTATION_LOCATION] ??
      entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
    try {
      if (/^https?:\/\//.test(ref)) return await this.readUrl(ref, region);
      if (!location)
        return {
          error: `relative template path "${ref}" but the entity has no location to resolve it against`,
          source: ref,
        };
      const { type, target } = parseLocationRef(location);
      if (type === 'file')
        return this.readFile(localFile(target, ref), ref, region);
      if (type === 'url')
        return await this.readUrl(new URL(ref, target).toString(), region);
      return {
        error: `cannot read templates from ${type} locations`,
        source: ref,
      };
    } catch (e) {
      return { error: isError(e) ? e.message : String(e), source: ref };
    }
  }

  /**
   * The files the last `read` of this entity's template was analysed from (the template and
   * its nested templates), with their versions, as text; undefined unless that read was of
   * a local file and succeeded. What `read` returns for the entity depends on nothing else
   * but its annotations, so while {@link IacReader.sourcesCurrent} holds, a pass may skip
   * reading it (issue 19). Any thread's reader can check what another thread's returned.
   */
  sourcesOf(entity: Entity): string | undefined {
    const file = this.fileOf(entity);
    if (!file) return undefined;
    try {
      const real = this.confine(file.path, file.shown);
      const cached = this.cache.get(`${real}@${file.region ?? ''}`);
      if (!cached || !('template' in cached.result)) return undefined;
      return JSON.stringify([
        [real, cached.version],
        ...(cached.nested ?? []).map(n => [n.file, n.version]),
      ]);
    } catch {
      return undefined;
    }
  }

  /**
   * The entity's template still resolves to the first file of `sources` (from
   * {@link IacReader.sourcesOf}), inside the allowed roots, and none of the files changed
   * since: a `read` would return what it returned then. Costs a path resolution and a stat
   * per file; reads nothing.
   */
  sourcesCurrent(entity: Entity, sources: string): boolean {
    const file = this.fileOf(entity);
    if (!file) return false;
    try {
      const files = JSON.parse(sources) as Array<[string, string]>;
      return (
        files.length > 0 &&
        this.confine(file.path, file.shown) === files[0][0] &&
        files.every(([f, version]) => fileVersion(f) === version)
      );
    } catch {
      return false;
    }
  }

  /** The local file of an entity's template (a relative path from a `file` location). */
  private fileOf(
    entity: Entity,
  ): { path: string; shown: string; region?: string } | undefined {
    const annotations = entity.metadata.annotations ?? {};
    const ref = annotations[ANNOTATIONS.cloudformation];
    const location =
      annotations[ANNOTATION_LOCATION] ??
      annotations[ANNOTATION_ORIGIN_LOCATION];
    if (!ref || !location || /^https?:\/\//.test(ref)) return undefined;
    try {
      const { type, target } = parseLocationRef(location);
      if (type !== 'file') return undefined;
      return {
        path: localFile(target, ref),
        shown: ref,
        region: annotations[ANNOTATIONS.region],
      };
    } catch {
      return undefined;
    }
  }

  /** Resolves a path and fails unless it stays inside an allowed root (symlinks included). */
  confine(file: string, shown: string): string {
    const abs = path.resolve(file);
    // One realpath(3) call: the JavaScript realpathSync stats each part of the path, and a
    // pass checks the template of every entity that has one (sourcesCurrent).
    let real = abs;
    try {
      real = fs.realpathSync.native(abs);
    } catch {
      // Not there (or not readable): confined as written.
    }
    const inside = this.options.allowedRoots.some(
      root => real === root || real.startsWith(root + path.sep),
    );
    if (!inside) {
      throw new TemplateError(
        'path-escape',
        `"${shown}" resolves outside the allowed roots (compliance.iac.allowedRoots)`,
      );
    }
    return real;
  }

  private readFile(file: string, shown: string, region?: string): IacResult {
    const real = this.confine(file, shown);
    if (!fs.existsSync(real))
      return { error: `template "${shown}" not found`, source: shown };
    const stat = fs.statSync(real);
    if (stat.size > this.options.maxBytes) {
      return {
        error: `template "${shown}" is ${stat.size} bytes; the limit is ${this.options.maxBytes}`,
        source: shown,
      };
    }
    const version = `${stat.mtimeMs}:${stat.size}`;
    const key = `${real}@${region ?? ''}`;
    const cached = this.cache.get(key);
    // A nested stack edited on its own must invalidate the parent's analysis too.
    if (
      cached?.version === version &&
      (cached.nested ?? []).every(n => fileVersion(n.file) === n.version)
    ) {
      return cached.result;
    }
    const text = fs.readFileSync(real);
    const nestedFiles: Array<{ file: string; version: string; text: Buffer }> =
      [];
    const loadNested = (url: string): ParsedTemplate | undefined => {
      if (/^[a-z]+:\/\//i.test(url)) return undefined;
      const nested = this.confine(path.resolve(path.dirname(real), url), url);
      if (!fs.existsSync(nested)) {
        // Kept as missing: the analysis is stale when the file appears.
        nestedFiles.push({
          file: nested,
          version: 'missing',
          text: Buffer.alloc(0),
        });
        throw new TemplateError(
          'nested-not-found',
          `nested template "${url}" not found`,
        );
      }
      const nestedText = fs.readFileSync(nested);
      nestedFiles.push({
        file: nested,
        version: fileVersion(nested),
        text: nestedText,
      });
      return parseTemplate(nestedText, {
        maxBytes: this.options.maxBytes,
        fileName: url,
      });
    };
    let result = this.analyse(text, shown, region, loadNested);
    if ('template' in result && nestedFiles.length) {
      // The input hash covers the nested templates, so the evaluation pass re-runs when one changes.
      const hash = createHash('sha256').update(result.contentHash);
      for (const n of nestedFiles) hash.update(n.file).update(n.text);
      result = { ...result, contentHash: hash.digest('hex') };
    }
    this.cache.set(key, {
      version,
      nested: nestedFiles.map(n => ({ file: n.file, version: n.version })),
      result,
    });
    return result;
  }

  private async readUrl(url: string, region?: string): Promise<IacResult> {
    const key = `${url}@${region ?? ''}`;
    const cached = this.cache.get(key);
    try {
      const response = await this.options.urlReader.readUrl(url, {
        etag: cached?.version,
      });
      const buffer = await response.buffer();
      const result = this.analyse(buffer, url, region);
      this.cache.set(key, { version: response.etag ?? '', result });
      return result;
    } catch (e) {
      if (cached && e instanceof NotModifiedError) return cached.result;
      throw e;
    }
  }

  private analyse(
    text: Buffer,
    source: string,
    region?: string,
    loadNested?: (url: string) => ParsedTemplate | undefined,
  ): IacResult {
    if (text.length > this.options.maxBytes) {
      return {
        error: `template is ${text.length} bytes; the limit is ${this.options.maxBytes}`,
        source,
      };
    }
    const contentHash = createHash('sha256').update(text).digest('hex');
    try {
      const parsed = parseTemplate(text, {
        maxBytes: this.options.maxBytes,
        fileName: source,
      });
      return {
        template: resolveTemplate(parsed, { loadNested, region }),
        source,
        contentHash,
        // Cached per version: the time this version of the template was first read.
        observedAt: new Date().toISOString(),
      };
    } catch (e) {
      this.options.logger.debug(`Cannot analyse ${source}: ${String(e)}`);
      return { error: isError(e) ? e.message : String(e), source };
    }
  }
}
