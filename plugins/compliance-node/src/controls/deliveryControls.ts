/*
 * CI-01 and CI-02: pipelines gate releases, and infrastructure changes go through reviewed IaC
 * with encrypted, locked state. Both are declared facts only: a template cannot show them.
 */
import { declaredCheck, isTrue } from './outcomes';
import { ControlImplementation } from './types';

/** @internal */
export const deliveryControls: ControlImplementation[] = [
  {
    id: 'CI-01',
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'ci-sast', expect: isTrue, requirement: 'true' },
        {
          id: 'ci-container-scan-blocking',
          expect: isTrue,
          requirement: 'true',
        },
        { id: 'ci-staging-tests', expect: isTrue, requirement: 'true' },
        { id: 'ci-production-approval', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'CI-02',
    declared: ({ facts, entity }) =>
      declaredCheck(facts, [
        {
          id: 'iac-managed',
          expect: isTrue,
          requirement: 'true',
          optional: entity.componentClass === 'iac-state',
        },
        {
          id: 'iac-peer-review',
          expect: isTrue,
          requirement: 'true',
          optional: entity.componentClass === 'iac-state',
        },
        {
          id: 'iac-state-encrypted',
          expect: isTrue,
          requirement: 'true',
          optional: entity.componentClass === 'pipeline',
        },
        {
          id: 'iac-state-locked',
          expect: isTrue,
          requirement: 'true',
          optional: entity.componentClass === 'pipeline',
        },
      ]),
  },
];
