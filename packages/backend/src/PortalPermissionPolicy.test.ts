import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  complianceEvidenceCreatePermission,
  complianceTemplateApprovePermission,
  complianceWaiverApprovePermission,
} from '@refarch/backstage-plugin-compliance-common';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

function policyFor(ownership: Record<string, string[]>) {
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: ownership[ref] ?? [ref],
      };
    },
  });
  return new PortalPermissionPolicy(userInfo, ['group:default/tech-leads']);
}

const user = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [] },
});

describe('PortalPermissionPolicy', () => {
  const policy = policyFor({
    'user:default/lead': ['user:default/lead', 'group:default/tech-leads'],
    'user:default/dev': ['user:default/dev', 'group:default/team-a'],
  });

  it('lets everyone read', async () => {
    const read = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    await expect(
      policy.handle({ permission: read }, user('user:default/dev')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('gives approvals to tech leads only', async () => {
    for (const permission of [
      complianceTemplateApprovePermission,
      complianceWaiverApprovePermission,
    ]) {
      await expect(
        policy.handle({ permission }, user('user:default/lead')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      await expect(
        policy.handle({ permission }, user('user:default/dev')),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    }
  });

  it('lets owners post evidence on what they own (a catalog condition), tech leads anywhere', async () => {
    await expect(
      policy.handle(
        { permission: complianceEvidenceCreatePermission },
        user('user:default/lead'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    const decision = await policy.handle(
      { permission: complianceEvidenceCreatePermission },
      user('user:default/dev'),
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['user:default/dev', 'group:default/team-a'] },
      },
    });
  });

  it("lets the tech leads a template's owning group names approve that group's templates (a catalog condition)", async () => {
    const userInfo = mockServices.userInfo.mock({
      getUserInfo: async () => ({
        userEntityRef: 'user:default/med-lead',
        ownershipEntityRefs: [
          'user:default/med-lead',
          'group:default/medtech-leads',
        ],
      }),
    });
    const asked: string[][] = [];
    const scoped = new PortalPermissionPolicy(
      userInfo,
      ['group:default/tech-leads'],
      async claims => {
        asked.push(claims);
        return claims.includes('group:default/medtech-leads')
          ? ['group:default/medtech']
          : [];
      },
    );
    const decision = await scoped.handle(
      { permission: complianceTemplateApprovePermission },
      user('user:default/med-lead'),
    );
    expect(asked).toEqual([
      ['user:default/med-lead', 'group:default/medtech-leads'],
    ]);
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      conditions: {
        allOf: [
          { rule: 'IS_ENTITY_KIND', params: { kinds: ['Template'] } },
          {
            rule: 'IS_ENTITY_OWNER',
            params: { claims: ['group:default/medtech'] },
          },
        ],
      },
    });
    // Waivers stay with the portal-wide tech leads.
    await expect(
      scoped.handle(
        { permission: complianceWaiverApprovePermission },
        user('user:default/med-lead'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies compliance actions without a user', async () => {
    await expect(
      policy.handle({ permission: complianceWaiverApprovePermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
