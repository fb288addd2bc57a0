import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import { IacReader } from '../service/IacReader';
import { TemplateFile, fetchedPaths } from './templateVersion';

const run = promisify(execFile);

/** What a template fetches, and who changed it last. */
export interface TemplateSource {
  files: TemplateFile[];
  /** E-mail of the author of the last commit touching the template (file locations in git). */
  lastEditorEmail?: string;
}

/**
 * Reads the files a template's fetch steps use: from disk for templates registered from
 * `file` locations (confined to `compliance.iac.allowedRoots`, symlinks included), through
 * the UrlReader for `url` locations. Bounded in file count and bytes.
 */
export class TemplateSourceReader {
  constructor(
    private readonly options: {
      iac: IacReader;
      urlReader: UrlReaderService;
      logger: LoggerService;
      maxFiles?: number;
      maxBytes?: number;
    },
  ) {}

  private get maxFiles() {
    return this.options.maxFiles ?? 2000;
  }
  private get maxBytes() {
    return this.options.maxBytes ?? 20 * 1024 * 1024;
  }

  async read(entity: Entity): Promise<TemplateSource> {
    const annotations = entity.metadata.annotations ?? {};
    const location =
      annotations[ANNOTATION_LOCATION] ??
      annotations[ANNOTATION_SOURCE_LOCATION];
    const paths = fetchedPaths(entity);
    if (!location) {
      if (paths.length)
        throw new InputError(
          `template fetches ${paths.join(
            ', ',
          )} but has no location to read them from`,
        );
      return { files: [] };
    }
    const { type, target } = parseLocationRef(location);
    if (type === 'file') return this.readLocal(path.dirname(target), paths);
    if (type === 'url') return { files: await this.readRemote(target, paths) };
    throw new InputError(`cannot read template files from ${type} locations`);
  }

  private async readLocal(
    dir: string,
    paths: string[],
  ): Promise<TemplateSource> {
    const base = this.options.iac.confine(dir, dir);
    const files: TemplateFile[] = [];
    let bytes = 0;
    const add = (abs: string) => {
      const real = this.options.iac.confine(abs, path.relative(base, abs));
      const stat = fs.statSync(real);
      if (stat.isDirectory()) {
        for (const name of fs.readdirSync(real).sort())
          add(path.join(abs, name));
        return;
      }
      if (!stat.isFile()) return;
      if (files.length >= this.maxFiles)
        throw new InputError(`template has more than ${this.maxFiles} files`);
      bytes += stat.size;
      if (bytes > this.maxBytes)
        throw new InputError(`template files exceed ${this.maxBytes} bytes`);
      files.push({
        path: path.relative(base, abs).split(path.sep).join('/'),
        content: fs.readFileSync(real),
      });
    };
    for (const p of paths) {
      const abs = path.resolve(base, p);
      if (!fs.existsSync(abs))
        throw new InputError(`template fetches "${p}", which does not exist`);
      add(abs);
    }
    return { files, lastEditorEmail: await this.lastEditor(base, paths) };
  }

  private async lastEditor(
    dir: string,
    paths: string[],
  ): Promise<string | undefined> {
    try {
      const { stdout } = await run(
        'git',
        ['log', '-1', '--format=%ae', '--', '.', ...paths],
        { cwd: dir, timeout: 5000 },
      );
      return stdout.trim() || undefined;
    } catch (e) {
      this.options.logger.debug(
        `No git history for the template in ${dir}: ${String(e)}`,
      );
      return undefined;
    }
  }

  private async readRemote(
    templateUrl: string,
    paths: string[],
  ): Promise<TemplateFile[]> {
    const files: TemplateFile[] = [];
    let bytes = 0;
    for (const p of paths) {
      const url = new URL(p, templateUrl).toString();
      const tree = await this.options.urlReader.readTree(url);
      for (const file of await tree.files()) {
        const content = await file.content();
        bytes += content.length;
        if (files.length >= this.maxFiles || bytes > this.maxBytes)
          throw new InputError(
            `template files exceed ${this.maxFiles} files or ${this.maxBytes} bytes`,
          );
        files.push({
          path: p === '.' ? file.path : `${p}/${file.path}`,
          content,
        });
      }
    }
    return files;
  }
}
