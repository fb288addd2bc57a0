/*
 * The policy and the code agree: every control of the default policy has an
 * implementation, and every implementation is a control of the policy.
 */
import { defaultPolicy } from '../policy/defaultPolicy';
import { controlImplementations } from './index';

describe('control implementations', () => {
  it('implement exactly the controls of the default policy', () => {
    const policyIds = defaultPolicy.controls.map(c => c.id).sort();
    expect([...controlImplementations.keys()].sort()).toEqual(policyIds);
    expect(new Set(policyIds).size).toBe(policyIds.length);
  });

  it('give a CloudFormation form to every control that names resource types', () => {
    for (const c of defaultPolicy.controls.filter(x => x.resourceTypes.length))
      expect([c.id, typeof controlImplementations.get(c.id)?.cfn]).toEqual([
        c.id,
        'function',
      ]);
  });
});
