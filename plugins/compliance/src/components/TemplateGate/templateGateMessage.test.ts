import {
  reviewPathOf,
  templateGateError,
  templateGateMessage,
} from './templateGateMessage';

const base = {
  templateRef: 'template:default/aws-service',
  currentVersion: '0a1b2c3d4e5f6a7b',
  approvers: ['group:default/tech-leads'],
};

describe('templateGateMessage', () => {
  it('lets an approved version through, and says nothing before the state is known', () => {
    expect(
      templateGateMessage({ ...base, currentState: 'approved' }, '/compliance'),
    ).toBeUndefined();
    expect(
      templateGateMessage({ templateRef: base.templateRef }, '/compliance'),
    ).toBeUndefined();
  });

  it('names the approvers and the review page of a pending version, its hash as it is', () => {
    const message = templateGateMessage(
      { ...base, currentState: 'pending' },
      '/compliance',
    )!;
    expect(message.state).toBe('pending');
    expect(message.reviewPath).toBe(
      '/compliance/templates/default/aws-service',
    );
    expect(message.text).toContain('0a1b2c3d4e5f6a7b');
    expect(templateGateError(message)).toBe(
      "Version 0a1b2c3d4e5f6a7b of this template awaits a tech lead's review: it cannot be used until it is approved. Ask members of group:default/tech-leads to approve it at /compliance/templates/default/aws-service.",
    );
  });

  it('says a rejected version was rejected, and which approved version it replaced', () => {
    const message = templateGateMessage(
      {
        ...base,
        currentState: 'rejected',
        latestApproved: { version: 'ffffeeeeddddcccc' },
      },
      '/compliance/',
    )!;
    expect(message.state).toBe('rejected');
    expect(message.text).toMatch(/was rejected by a tech lead/);
    expect(message.text).toContain('ffffeeeeddddcccc');
  });

  it('builds the review path from refs with and without kind or namespace', () => {
    expect(reviewPathOf('template:ops/env', '/c')).toBe('/c/templates/ops/env');
    expect(reviewPathOf('env', '/c')).toBe('/c/templates/default/env');
  });
});
