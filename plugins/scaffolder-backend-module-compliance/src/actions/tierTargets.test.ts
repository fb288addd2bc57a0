import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { defaultPolicy } from '@refarch/backstage-plugin-compliance-node';
import { createTierTargetsAction, formatTarget } from './tierTargets';

describe('compliance:tier-targets', () => {
  const action = createTierTargetsAction({ policy: defaultPolicy });

  it.each(Object.keys(defaultPolicy.tiers))(
    "outputs the policy's targets of tier %s",
    async tier => {
      const ctx = createMockActionContext({ input: { tier } });
      await action.handler(ctx as any);
      const t = defaultPolicy.tiers[tier as keyof typeof defaultPolicy.tiers];
      expect(ctx.output).toHaveBeenCalledWith('rpo', formatTarget(t.rpo));
      expect(ctx.output).toHaveBeenCalledWith('rto', formatTarget(t.rto));
      expect(ctx.output).toHaveBeenCalledWith(
        'disruptions',
        expect.objectContaining({
          region: {
            rpo: formatTarget(t.disruptions.region.rpo),
            rto: formatTarget(t.disruptions.region.rto),
          },
        }),
      );
    },
  );

  it('names the tiers when the tier is unknown', async () => {
    const ctx = createMockActionContext({ input: { tier: 'gold' } });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'the policy has no tier "gold" (tiers: critical, standard)',
    );
  });

  it('writes whole hours in hours', () => {
    expect([900, 3600, 86400, 259200].map(formatTarget)).toEqual([
      '15m',
      '1h',
      '24h',
      '72h',
    ]);
  });
});
