import { defaultPolicy } from '../policy/defaultPolicy';
import { selectProfile } from './selectProfile';

describe('selectProfile', () => {
  const pick = (entity: Parameters<typeof selectProfile>[1], iac = false) =>
    selectProfile(defaultPolicy, entity, iac)?.id;

  it('assesses a documented AWS service as an AWS service, not as Cloud Run', () => {
    expect(pick({ kind: 'Component', type: 'service', cloud: 'aws' })).toBe(
      'aws-declared-service',
    );
    expect(pick({ kind: 'Component', type: 'worker', cloud: 'aws' })).toBe(
      'aws-declared-service',
    );
    expect(pick({ kind: 'Component', type: 'service', cloud: 'gcp' })).toBe(
      'gcp-cloud-run-service',
    );
  });

  it('falls back to the documented-component profile when the cloud is not known', () => {
    expect(pick({ kind: 'Component', type: 'service' })).toBe(
      'declared-component',
    );
  });

  it('selects the planned profile only by annotation', () => {
    expect(
      selectProfile(
        defaultPolicy,
        { kind: 'Component', type: 'worker' },
        false,
        'planned',
      )?.id,
    ).toBe('planned');
    expect(pick({ kind: 'Resource', type: 'identity-provider' })).toBe(
      'declared-resource',
    );
  });
});
