import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  Policy,
  TemplateConformanceReport,
} from '@refarch/backstage-plugin-compliance-common';
import { checkWorkspace } from '@refarch/backstage-plugin-compliance-node';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { defaultTemplateValues } from './defaultTemplateValues';
import { TemplateFile } from './templateVersion';

interface DryRunResponse {
  log: Array<{ body: { message?: string; status?: string; stepId?: string } }>;
  steps: Array<{ id: string; name: string }>;
  directoryContents: Array<{ path: string; base64Content: string }>;
}

/**
 * Checks what a template version generates: a dry run through the scaffolder's own
 * `/v2/dry-run` endpoint with the template's default inputs, then the engine on every
 * CloudFormation file of the output (independent of any validate step the template has).
 */
export class TemplateConformance {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      policy: Policy;
      fetch?: typeof fetch;
    },
  ) {}

  async check(
    entity: Entity,
    files: TemplateFile[],
    now = new Date(),
  ): Promise<TemplateConformanceReport> {
    const values = defaultTemplateValues(entity.spec?.parameters);
    const base: TemplateConformanceReport = {
      ranAt: now.toISOString(),
      outcome: 'error',
      values,
      steps: [],
      files: 0,
      findings: [],
      passed: [],
    };
    let result: DryRunResponse;
    try {
      result = await this.dryRun(entity, files, values);
    } catch (e) {
      return { ...base, error: (e as Error).message };
    }
    const stepStatus = new Map<string, string>();
    for (const { body } of result.log)
      if (body.stepId && body.status) stepStatus.set(body.stepId, body.status);
    const steps = result.steps.map(s => ({
      id: s.id,
      name: s.name,
      status: stepStatus.get(s.id) ?? 'skipped',
    }));
    const failedStep = steps.find(s => s.status === 'failed');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-review-'));
    try {
      for (const file of result.directoryContents) {
        const target = path.resolve(dir, file.path);
        if (!target.startsWith(dir + path.sep)) continue;
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, Buffer.from(file.base64Content, 'base64'));
      }
      const reports = checkWorkspace(dir, this.deps.policy, {
        now,
        relativeTo: dir,
      });
      const controls = new Map(this.deps.policy.controls.map(c => [c.id, c]));
      const findings: TemplateConformanceReport['findings'] = [];
      const passed = new Map<string, number>();
      const counts = { pass: 0, fail: 0, unknown: 0, notApplicable: 0 };
      for (const { file: shown, assessment } of reports) {
        counts.pass += assessment.counts.pass;
        counts.fail += assessment.counts.fail;
        counts.unknown += assessment.counts.unknown;
        counts.notApplicable += assessment.counts['not-applicable'];
        for (const r of assessment.results) {
          const control = controls.get(r.controlId);
          if (r.status === 'pass')
            passed.set(r.controlId, (passed.get(r.controlId) ?? 0) + 1);
          else if (
            r.status === 'fail' ||
            r.status === 'unknown' ||
            r.status === 'warn'
          ) {
            findings.push({
              file: shown,
              controlId: r.controlId,
              title: control?.title ?? r.controlId,
              severity: control?.severity ?? 'medium',
              status: r.status,
              message: r.message,
            });
          }
        }
        for (const error of assessment.errors) {
          findings.push({
            file: shown,
            controlId: '-',
            title: 'Template could not be analysed',
            severity: 'high',
            status: 'error',
            message: error,
          });
        }
      }
      const worst = worstOutcome(
        failedStep !== undefined,
        findings,
        reports.length,
      );
      return {
        ...base,
        outcome: failedStep ? 'error' : 'ok',
        error: runError(failedStep?.name, reports.length),
        steps,
        files: result.directoryContents.length,
        status: worst as TemplateConformanceReport['status'],
        counts,
        findings,
        passed: [...passed]
          .map(([controlId, n]) => ({
            controlId,
            title: controls.get(controlId)?.title ?? controlId,
            files: n,
          }))
          .sort((a, b) => a.controlId.localeCompare(b.controlId)),
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  private async dryRun(
    entity: Entity,
    files: TemplateFile[],
    values: Record<string, unknown>,
  ): Promise<DryRunResponse> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const url = `${await this.deps.discovery.getBaseUrl(
      'scaffolder',
    )}/v2/dry-run`;
    const template = {
      apiVersion: entity.apiVersion,
      kind: entity.kind,
      metadata: {
        name: entity.metadata.name,
        namespace: entity.metadata.namespace,
        title: entity.metadata.title,
      },
      spec: entity.spec,
    };
    const response = await (this.deps.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        template,
        values,
        directoryContents: files.map(f => ({
          path: f.path,
          base64Content: f.content.toString('base64'),
        })),
      }),
    });
    if (!response.ok) {
      const text = await response.text();
      let detail = text.slice(0, 2000);
      try {
        const json = JSON.parse(text);
        detail =
          json.error?.message ??
          (json.errors
            ? json.errors.map((e: any) => e.stack ?? e.message).join('; ')
            : detail);
      } catch {
        // not JSON
      }
      throw new Error(`dry run failed with ${response.status}: ${detail}`);
    }
    return (await response.json()) as DryRunResponse;
  }
}

/** The report's status: a failed step hides everything; then failures, errors, unknowns. */
function worstOutcome(
  stepFailed: boolean,
  findings: { status: string }[],
  reportCount: number,
): 'error' | 'fail' | 'unknown' | 'pass' {
  if (stepFailed) return 'error';
  if (findings.some(f => f.status === 'fail')) return 'fail';
  if (findings.some(f => f.status === 'error')) return 'error';
  if (findings.length || !reportCount) return 'unknown';
  return 'pass';
}

function runError(
  failedStep: string | undefined,
  reportCount: number,
): string | undefined {
  if (failedStep) return `step "${failedStep}" failed in the dry run`;
  if (!reportCount) return 'the dry run generated no CloudFormation template';
  return undefined;
}
