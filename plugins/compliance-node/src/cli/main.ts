import {
  SEVERITIES,
  Severity,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
import fs from 'fs';
import { defaultPolicy } from '../policy/defaultPolicy';
import {
  TemplateReport,
  WorkspaceError,
  checkWorkspace,
  failuresAtOrAbove,
} from './checkWorkspace';

const USAGE = `usage: compliance check <template.yaml|dir> [--json <file>] [--fail-on critical|high|medium|low] [--param Key=Value]...
exit codes: 0 every template checked and none fails at or above --fail-on; 1 a control fails,
or a template could not be checked (each named with the reason); 2 usage error, or the target
cannot be read or holds more templates than the limit`;

/** The `compliance` command line. Returns the exit code (0, 1 or 2; see USAGE). @internal */
export async function main(argv: string[]): Promise<number> {
  const [command, target, ...rest] = argv;
  if (command !== 'check' || !target) {
    console.error(USAGE);
    return 2;
  }
  let json: string | undefined;
  let failOn: Severity = 'high';
  const parameters: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--json') json = rest[++i];
    else if (rest[i] === '--fail-on') failOn = rest[++i] as Severity;
    else if (rest[i] === '--param') {
      const [k, ...v] = (rest[++i] ?? '').split('=');
      parameters[k] = v.join('=');
    } else {
      console.error(`unknown option ${rest[i]}\n${USAGE}`);
      return 2;
    }
  }
  if (!SEVERITIES.includes(failOn)) {
    console.error(`--fail-on must be one of ${SEVERITIES.join(', ')}`);
    return 2;
  }
  let reports: TemplateReport[];
  try {
    reports = checkWorkspace(target, defaultPolicy, { parameters });
  } catch (e) {
    console.error(
      e instanceof WorkspaceError
        ? e.message
        : `${target}: ${(e as Error)?.message ?? e}`,
    );
    return 2;
  }
  if (reports.length === 0) {
    console.error(`${target}: no CloudFormation template found`);
    return 2;
  }
  let blocking = 0;
  const severity = new Map(defaultPolicy.controls.map(c => [c.id, c.severity]));
  for (const { file, assessment } of reports) {
    console.log(
      `\n${file}: ${assessment.status.toUpperCase()} (score ${
        assessment.score ?? '–'
      }, profile ${assessment.profile})`,
    );
    for (const e of assessment.errors) console.log(`  error: ${e}`);
    for (const r of assessment.results.filter(
      x => x.status !== 'not-applicable',
    )) {
      console.log(
        `  ${r.status.padEnd(8)} ${r.controlId.padEnd(7)} [${severity.get(
          r.controlId,
        )}] ${r.message}`,
      );
    }
    for (const d of assessment.dr.disruptions) {
      const a = d.achievable;
      const show = (v: number | null | undefined) => {
        if (v === undefined) return '?';
        return v === null ? 'not recoverable' : formatDuration(v);
      };
      console.log(
        `  DR ${d.disruption.padEnd(8)} ${d.status.padEnd(
          8,
        )} achievable RPO ${show(a?.rpo)} RTO ${show(a?.rto)} — ${d.reason}`,
      );
    }
    blocking +=
      failuresAtOrAbove({ file, assessment }, defaultPolicy, failOn).length +
      (assessment.status === 'error' ? 1 : 0);
  }
  if (json) fs.writeFileSync(json, JSON.stringify(reports, null, 2));
  const unchecked = reports.filter(r => r.assessment.status === 'error');
  for (const r of unchecked)
    console.error(`not checked: ${r.file}: ${r.assessment.errors.join('; ')}`);
  console.log(
    `\n${
      reports.length
    } template(s); ${blocking} failing control(s) at or above ${failOn}${
      unchecked.length ? `; ${unchecked.length} not checked` : ''
    }`,
  );
  return blocking > 0 ? 1 : 0;
}
