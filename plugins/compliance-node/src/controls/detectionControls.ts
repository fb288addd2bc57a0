/*
 * DET-01 and DET-02: GuardDuty is enabled and AWS Config records all resources.
 */
import { getPath } from '../cloudformation';
import { cfnBool, declaredCheck, expectProp, isTrue } from './outcomes';
import { ControlImplementation } from './types';

/** @internal */
export const detectionControls: ControlImplementation[] = [
  {
    id: 'DET-01',
    cfn: ({ resources }) =>
      resources.map(r =>
        expectProp(r, 'Enable', cfnBool(r.properties.Enable), v => v === true, {
          ok: 'GuardDuty enabled',
          bad: 'GuardDuty detector is disabled',
        }),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'threat-detection', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'DET-02',
    cfn: ({ resources }) =>
      resources.map(r =>
        expectProp(
          r,
          'RecordingGroup.AllSupported',
          cfnBool(getPath(r.properties, 'RecordingGroup.AllSupported')),
          v => v === true,
          {
            ok: 'records all supported resources',
            bad: 'does not record all resources (RecordingGroup.AllSupported)',
          },
        ),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'config-recorder', expect: isTrue, requirement: 'true' },
      ]),
  },
];
