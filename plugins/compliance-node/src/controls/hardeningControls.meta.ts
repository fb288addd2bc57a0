/*
 * The metadata of the controls in hardeningControls.ts: what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';
import { COMPUTE, TASK } from './resourceTypeGroups';

/**
 * HRD-01 to HRD-06: containers, registries and health checks.
 *
 * @internal
 */
export const hardeningMetadata: ControlMetadata[] = [
  {
    id: 'HRD-01',
    category: 'hardening',
    severity: 'medium',
    title: 'Containers have a read-only root filesystem',
    rationale: '[001] runtime security.',
    appliesTo: [...COMPUTE],
    resourceTypes: TASK,
    facts: ['read-only-root-fs'],
    frameworks: { soc2: ['CC6.8'], 'bsi-c5': ['OPS-21'], 'pci-dss': ['2.2.1'] },
    sources: ['001'],
    equivalent: 'ecs-containers-readonly-access',
  },
  {
    id: 'HRD-02',
    category: 'hardening',
    severity: 'medium',
    title: 'Containers run as a non-root user',
    rationale: 'UID 1000 [001].',
    appliesTo: [...COMPUTE],
    resourceTypes: TASK,
    facts: ['non-root-user'],
    frameworks: { soc2: ['CC6.8'], 'pci-dss': ['2.2.1'] },
    sources: ['001'],
    equivalent: 'CT.ECS.PR.3',
  },
  {
    id: 'HRD-03',
    category: 'hardening',
    severity: 'high',
    title:
      'Containers are unprivileged, add no capabilities, and have resource limits',
    rationale: 'No privileged containers, resource limits enforced [001].',
    appliesTo: [...COMPUTE],
    resourceTypes: TASK,
    facts: ['runs-privileged', 'resource-limits'],
    frameworks: { soc2: ['CC6.8'], 'pci-dss': ['2.2.1'] },
    sources: ['001'],
    equivalent: 'ecs-containers-nonprivileged',
  },
  {
    id: 'HRD-04',
    category: 'hardening',
    severity: 'critical',
    title: 'No secrets in container environment variables',
    rationale:
      'Secrets come from Secrets Manager through valueFrom [001][004]; environment values leak into task descriptions and logs.',
    appliesTo: [...COMPUTE, 'function'],
    resourceTypes: TASK,
    facts: ['secrets-from-store'],
    params: {
      secretNamePattern:
        '(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)',
    },
    frameworks: { soc2: ['CC6.1'], 'bsi-c5': ['CRY-04'], 'pci-dss': ['8.6.2'] },
    sources: ['001', '004'],
    equivalent: 'AwsSolutions-ECS2',
  },
  {
    id: 'HRD-05',
    category: 'hardening',
    severity: 'medium',
    title: 'Registries scan on push, use immutable tags and a lifecycle policy',
    rationale: 'Scan on push and lifecycle policies [001][002].',
    appliesTo: ['container-registry'],
    resourceTypes: ['AWS::ECR::Repository'],
    facts: [
      'image-scan-on-push',
      'image-tags-immutable',
      'image-lifecycle-policy',
    ],
    frameworks: { soc2: ['CC7.1'], 'bsi-c5': ['OPS-18'], 'pci-dss': ['6.3.3'] },
    sources: ['001', '002'],
    equivalent: 'ecr-private-image-scanning-enabled',
  },
  {
    id: 'HRD-06',
    category: 'hardening',
    severity: 'medium',
    title: 'Every service has a health check',
    rationale: 'Unhealthy tasks are replaced automatically [001][002].',
    appliesTo: [...COMPUTE],
    resourceTypes: TASK,
    facts: ['health-check'],
    frameworks: { soc2: ['A1.1'] },
    sources: ['001'],
  },
];
