import { DAY, Policy } from '@refarch/backstage-plugin-compliance-common';
import { defaultControls } from './defaultControls';

const MIN = 60;
const HOUR = 3600;

/**
 * The reference architecture of shared/CONTROLS.md: the strictest documented value where
 * the five documents differ. Overridable from app-config through {@link loadPolicy}.
 *
 * @public
 */
export const defaultPolicy: Policy = {
  version: '2026-11-23',
  controls: defaultControls,
  tiers: {
    // [000] RPO 1 h / RTO 4 h; [001] critical services; [004]. Per disruption type [002] is
    // stricter and is the model: AZ RTO < 1 h, data corruption RPO < 15 min, region RTO < 24 h.
    critical: {
      rpo: 1 * HOUR,
      rto: 4 * HOUR,
      disruptions: {
        software: { rpo: 15 * MIN, rto: 4 * HOUR },
        hardware: { rpo: 15 * MIN, rto: 1 * HOUR },
        az: { rpo: 15 * MIN, rto: 1 * HOUR },
        region: { rpo: 1 * HOUR, rto: 24 * HOUR },
      },
    },
    // [001] non-critical services: RTO 24 h, RPO 24 h.
    standard: {
      rpo: 24 * HOUR,
      rto: 24 * HOUR,
      disruptions: {
        software: { rpo: 24 * HOUR, rto: 24 * HOUR },
        hardware: { rpo: 24 * HOUR, rto: 24 * HOUR },
        az: { rpo: 24 * HOUR, rto: 24 * HOUR },
        region: { rpo: 24 * HOUR, rto: 72 * HOUR },
      },
    },
  },
  evidence: [
    {
      kind: 'dr-drill',
      title: 'DR drill, tested and documented',
      maxAge: 365 * DAY,
      appliesTo: ['service', 'database', 'environment'],
      sources: ['002'],
    },
    {
      kind: 'restore-test',
      title: 'Restore test',
      maxAge: 31 * DAY,
      appliesTo: ['database', 'backup-plan'],
      sources: ['001'],
    },
    {
      kind: 'backup-verification',
      title: 'Automated backup verification',
      maxAge: 7 * DAY,
      appliesTo: ['database', 'backup-plan'],
      tiers: ['critical'],
      sources: ['002'],
    },
    {
      kind: 'access-review',
      title: 'Access review',
      maxAge: 92 * DAY,
      appliesTo: ['identity-provider', 'environment'],
      sources: ['002'],
    },
    {
      kind: 'image-rescan',
      title: 'Rescan of all images',
      maxAge: 7 * DAY,
      appliesTo: ['container-registry'],
      sources: ['001'],
    },
  ],
  profiles: [
    {
      id: 'planned',
      title: 'Planned, not built',
      description:
        'A component the document only plans (e.g. "Phase 2, when the first customer signs"): listed, assessed as planned, no control judged. Select it with refarch.dev/profile: planned.',
      // Only by annotation: matches no entity by itself.
      match: { kinds: [] },
      controls: [],
    },
    {
      id: 'aws-ecs-service',
      title: 'AWS ECS Fargate service',
      description:
        'A containerised service on ECS Fargate behind an ALB, with its CloudFormation.',
      match: { kinds: ['component'], types: ['service', 'worker'], iac: true },
      controls: ['*'],
    },
    {
      id: 'aws-environment',
      title: 'AWS environment',
      description:
        'A whole AWS environment (network, keys, data, compute, observability, backup) in CloudFormation.',
      match: {
        kinds: ['system', 'resource'],
        types: ['environment'],
        iac: true,
      },
      controls: ['*'],
    },
    {
      id: 'gcp-cloud-run-service',
      title: 'GCP Cloud Run service',
      description:
        'A serverless service on Cloud Run with managed data stores, described by declared facts.',
      match: {
        kinds: ['component'],
        types: ['service'],
        iac: false,
        clouds: ['gcp'],
      },
      controls: ['*'],
    },
    {
      id: 'aws-declared-service',
      title: 'AWS ECS service (documented)',
      description:
        'A containerised service or worker on AWS (ECS Fargate) known from documents: declared facts only.',
      match: {
        kinds: ['component'],
        types: ['service', 'worker'],
        iac: false,
        clouds: ['aws'],
      },
      controls: ['*'],
    },
    {
      id: 'system',
      title: 'System',
      description:
        'A product or environment as a whole: data residency, and DR over all its parts.',
      match: { kinds: ['system'] },
      controls: ['NET-08'],
    },
    {
      id: 'declared-resource',
      title: 'Documented resource',
      description:
        'A managed service or piece of infrastructure known from documents: declared facts only.',
      match: { kinds: ['resource'] },
      controls: ['*'],
    },
    {
      id: 'declared-component',
      title: 'Documented component',
      description:
        'A service, worker or function known from documents: declared facts only.',
      match: { kinds: ['component'] },
      controls: ['*'],
    },
  ],
  residency: {
    health: [
      'eu-central-1',
      'eu-west-1',
      'eu-west-3',
      'eu-north-1',
      'europe-west3',
      'europe-west1',
      'europe-west4',
    ],
    personal: [
      'eu-central-1',
      'eu-west-1',
      'eu-west-3',
      'eu-north-1',
      'europe-west3',
      'europe-west1',
      'europe-west4',
    ],
  },
};
