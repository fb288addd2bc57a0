import { Fact } from '@refarch/backstage-plugin-compliance-common';
import { deployedSummary } from './deployedSummary';

const ARN =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/MyStack/c6b6f1d0-8f3c-11ef-9a4e-0a1b2c3d4e5f';
const live = (
  id: string,
  value?: Fact['value'],
  unverified?: string,
): Fact => ({
  id: id as Fact['id'],
  ...(value === undefined ? {} : { value }),
  provenance: 'live',
  source: ARN,
  observedAt: '2026-12-05T10:00:00.000Z',
  ...(unverified ? { unverified } : {}),
});

describe('deployedSummary', () => {
  it('is undefined for an entity whose stack was never read', () => {
    expect(deployedSummary(undefined)).toBeUndefined();
    expect(deployedSummary([])).toBeUndefined();
  });

  it('carries the stack, its health and its drift', () => {
    expect(
      deployedSummary([
        live('stack-status', 'UPDATE_ROLLBACK_FAILED'),
        live('stack-health', 'failed'),
        live('stack-drift', 'drifted'),
      ]),
    ).toEqual({ stackArn: ARN, health: 'failed', drift: 'drifted' });
  });

  it('reads a failed drift detection as unknown, never as in sync', () => {
    expect(
      deployedSummary([
        live('stack-status', 'UPDATE_COMPLETE'),
        live('stack-health', 'healthy'),
        live('stack-drift', undefined, 'Throttling: Rate exceeded'),
      ]),
    ).toEqual({ stackArn: ARN, health: 'healthy', drift: 'unknown' });
  });

  it('says not-checked when no drift detection has run and leaves out an unread health', () => {
    expect(
      deployedSummary([live('stack-status', undefined, 'AccessDenied: …')]),
    ).toEqual({ stackArn: ARN, drift: 'not-checked' });
  });
});
