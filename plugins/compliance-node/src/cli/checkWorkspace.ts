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

/** Finds CloudFormation templates under a path (files that parse as CloudFormation). @public */
export function findTemplates(target: string, maxFiles = 500): string[] {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (out.length >= maxFiles) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(full);
      else if (
        entry.isFile() &&
        TEMPLATE_FILE.test(entry.name) &&
        entry.name !== 'catalog-info.yaml'
      ) {
        const head = fs.readFileSync(full, 'utf8').slice(0, 4096);
        if (looksLikeTemplate(head)) out.push(full);
      }
    }
  };
  walk(target);
  return out.sort();
}

/** Annotations of the catalog-info.yaml next to (or above) a template, when there is one. */
function catalogAnnotations(
  file: string,
  root: string,
):
  | {
      name: string;
      kind: string;
      type?: string;
      annotations: Record<string, string>;
    }
  | undefined {
  for (
    let dir = path.dirname(file);
    dir.startsWith(root);
    dir = path.dirname(dir)
  ) {
    const info = path.join(dir, 'catalog-info.yaml');
    if (fs.existsSync(info)) {
      const docs = YAML.parseAllDocuments(fs.readFileSync(info, 'utf8')).map(
        d => d.toJS(),
      );
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
    if (dir === path.dirname(dir)) break;
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
  } = {},
): TemplateReport[] {
  const root = path.resolve(
    fs.statSync(target).isFile() ? path.dirname(target) : target,
  );
  return findTemplates(path.resolve(target)).map(file => {
    const entity = catalogAnnotations(file, root);
    const text = fs.readFileSync(file);
    const input: EvaluationInput = {
      entity: {
        ref: `${(entity?.kind ?? 'resource').toLocaleLowerCase(
          'en-US',
        )}:default/${
          entity?.name ?? path.basename(file).replace(/\.[^.]+$/, '')
        }`,
        kind: entity?.kind ?? 'Resource',
        name: entity?.name ?? path.basename(file),
        type: entity?.type ?? 'environment',
        annotations: entity?.annotations ?? {},
      },
      evidence: [],
      waivers: [],
      dependencies: [],
      now: options.now ?? new Date(),
    };
    try {
      const parsed = parseTemplate(text, {
        fileName: path.relative(root, file),
      });
      const loadNested = (url: string) => {
        const nested = path.resolve(path.dirname(file), url);
        if (!nested.startsWith(root + path.sep))
          throw new TemplateError(
            'path-escape',
            `nested template "${url}" is outside ${root}`,
          );
        if (!fs.existsSync(nested))
          throw new TemplateError(
            'nested-not-found',
            `nested template "${url}" not found`,
          );
        return parseTemplate(fs.readFileSync(nested), { fileName: url });
      };
      const region = entity?.annotations['refarch.dev/region'];
      const template = resolveTemplate(parsed, {
        parameters: options.parameters,
        region,
        loadNested,
      });
      input.iac = {
        template,
        source: path.relative(root, file),
        contentHash: createHash('sha256').update(text).digest('hex'),
      };
    } catch (e) {
      input.iac = {
        error: (e as Error).message,
        source: path.relative(root, file),
      };
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
