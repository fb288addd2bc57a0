import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TemplateDecisionRules } from './TemplateDecisionRules';

const group = (name: string, techLeads?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    annotations: techLeads ? { 'refarch.dev/tech-leads': techLeads } : {},
  },
  spec: { type: 'team', children: [] },
});
const template = (owner?: string): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'aws-service', namespace: 'default' },
  spec: owner ? { owner } : {},
});
const editor: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'editor', namespace: 'default' },
  spec: { profile: { email: 'Editor@Example.com' }, memberOf: ['tech-leads'] },
};

function rules(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return new TemplateDecisionRules({
    catalog: catalogServiceMock({
      entities: [
        group('payments', 'payments-leads'),
        group('platform'),
        editor,
      ],
    }),
    auth: mockServices.auth(),
    permissions: mockServices.permissions.mock({
      authorize: async requests => requests.map(() => ({ result })),
    }),
    logger: mockServices.logger.mock(),
    techLeadGroups: ['group:default/tech-leads'],
  });
}

describe('TemplateDecisionRules', () => {
  it("names the portal's tech leads and the owner's tech-lead group as approvers", async () => {
    expect(
      await rules().approversOf(template('group:default/payments')),
    ).toEqual(['group:default/tech-leads', 'group:default/payments-leads']);
    expect(await rules().approversOf(template('platform'))).toEqual([
      'group:default/tech-leads',
    ]);
    expect(await rules().approversOf(template())).toEqual([
      'group:default/tech-leads',
    ]);
    // A dry run's template comes from the request: a malformed owner names no extra approvers.
    expect(await rules().approversOf(template('user:'))).toEqual([
      'group:default/tech-leads',
    ]);
  });

  it('asks the permission framework who may approve', async () => {
    const user = mockCredentials.user('user:default/lead');
    expect(await rules().mayApprove('template:default/aws-service', user)).toBe(
      true,
    );
    expect(
      await rules(AuthorizeResult.DENY).mayApprove(
        'template:default/aws-service',
        user,
      ),
    ).toBe(false);
  });

  it('recognises the last editor by user ref or by the e-mail of their catalog profile', async () => {
    const r = rules();
    const me = mockCredentials.user('user:default/editor');
    expect(await r.isLastEditor('user:default/editor', me)).toBe(true);
    expect(await r.isLastEditor('editor@example.com', me)).toBe(true);
    expect(await r.isLastEditor('someone@example.com', me)).toBe(false);
    expect(await r.isLastEditor(undefined, me)).toBe(false);
  });

  it('explains why a version cannot be decided, in the order a reviewer meets the reasons', async () => {
    const me = mockCredentials.user('user:default/editor');
    const ref = 'template:default/aws-service';
    expect(await rules().canDecide(ref, 'approved', undefined, me)).toEqual({
      allowed: false,
      reason: 'The current version is approved',
    });
    expect(await rules().canDecide(ref, undefined, undefined, me)).toEqual({
      allowed: false,
      reason: 'The current version could not be computed',
    });
    expect(
      await rules(AuthorizeResult.DENY).canDecide(
        ref,
        'pending',
        undefined,
        me,
      ),
    ).toEqual({
      allowed: false,
      reason:
        'Only tech leads may approve templates (compliance.template.approve)',
    });
    expect(
      await rules().canDecide(ref, 'pending', 'editor@example.com', me),
    ).toEqual({
      allowed: false,
      reason:
        'You changed this template last (editor@example.com); another tech lead must review it (four eyes)',
    });
    expect(
      await rules().canDecide(ref, 'pending', 'other@example.com', me),
    ).toEqual({ allowed: true });
  });
});
