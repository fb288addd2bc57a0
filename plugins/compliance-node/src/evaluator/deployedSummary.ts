import {
  DRIFT_STATES,
  DeployedSummary,
  DriftState,
  Fact,
  STACK_HEALTH_STATES,
  StackHealth,
} from '@refarch/backstage-plugin-compliance-common';

const isOneOf = <T extends string>(
  values: readonly T[],
  value: unknown,
): value is T => values.includes(value as T);

/**
 * The deployed stack as the fleet shows it, from the live facts of an entity: its health
 * and drift. Undefined when the entity names no stack that was read.
 *
 * @public
 */
export function deployedSummary(
  liveFacts: Fact[] | undefined,
): DeployedSummary | undefined {
  const fact = (id: string) => liveFacts?.find(f => f.id === id);
  const status = fact('stack-status');
  const drift = fact('stack-drift');
  if (!status?.source) return undefined;
  const health = fact('stack-health')?.value;
  // A drift fact without a value is a drift detection that failed: unknown, never in sync.
  const driftValue: DriftState = isOneOf(DRIFT_STATES, drift?.value)
    ? drift!.value
    : 'unknown';
  return {
    stackArn: status.source,
    ...(isOneOf<StackHealth>(STACK_HEALTH_STATES, health) ? { health } : {}),
    drift: drift ? driftValue : 'not-checked',
  };
}
