/*
 * The enums of openapi.yaml are the vocabularies of compliance-common: a fact, a component
 * class or a framework added in code and not in the spec (or the other way round) fails here,
 * before the generated types and the validating router disagree with the engine.
 */
import {
  ASSESSMENT_STATUS_ORDER,
  CLOUDS,
  COMPONENT_CLASSES,
  CONTROL_STATUSES,
  DATA_CLASSIFICATIONS,
  DISRUPTION_TYPES,
  DR_STATUS_ORDER,
  DRIFT_STATES,
  EVIDENCE_KINDS,
  FACTS,
  FLEET_FILTER_KEYS,
  FRAMEWORKS,
  SEVERITIES,
  STACK_HEALTH_STATES,
  TIERS,
} from '@refarch/backstage-plugin-compliance-common';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';

const spec = YAML.parse(
  fs.readFileSync(path.resolve(__dirname, 'schema/openapi.yaml'), 'utf8'),
);
const { schemas } = spec.components;

/** The query parameter names of a route, $refs resolved. */
const queryParameters = (route: string) =>
  spec.paths[route].get.parameters
    .map((p: { $ref?: string; name?: string; in?: string }) =>
      p.$ref ? spec.components.parameters[p.$ref.split('/').pop()!] : p,
    )
    .filter((p: { in: string }) => p.in === 'query')
    .map((p: { name: string }) => p.name);

describe('openapi.yaml enums', () => {
  it.each([
    ['FactId', Object.keys(FACTS)],
    ['ComponentClass', Object.keys(COMPONENT_CLASSES)],
    ['Framework', FRAMEWORKS],
    ['Tier', TIERS],
    ['DataClassification', DATA_CLASSIFICATIONS],
    ['Cloud', CLOUDS],
    ['DriftState', DRIFT_STATES],
    ['StackHealth', STACK_HEALTH_STATES],
    ['EvidenceKind', EVIDENCE_KINDS],
    ['Severity', SEVERITIES],
    ['ControlStatus', CONTROL_STATUSES],
    ['AssessmentStatus', ASSESSMENT_STATUS_ORDER],
    ['DrStatusValue', DR_STATUS_ORDER],
    ['DisruptionType', DISRUPTION_TYPES],
  ])('%s lists the values of compliance-common', (name, values) => {
    expect([...schemas[name].enum].sort()).toEqual([...values].sort());
  });

  it('frameworks and data classifications are the keys of their maps', () => {
    for (const schema of ['FrameworkStatuses', 'FrameworkRequirements'])
      expect(Object.keys(schemas[schema].properties).sort()).toEqual(
        [...FRAMEWORKS].sort(),
      );
    expect(
      Object.keys(
        schemas.PolicyDocument.properties.residency.properties,
      ).sort(),
    ).toEqual([...DATA_CLASSIFICATIONS].sort());
  });

  it.each([
    ['/v1/assessments', ['limit', 'offset', 'cursor', 'orderBy']],
    ['/v1/aggregates', ['groupBy']],
  ])('the fleet filters of %s are FLEET_FILTER_KEYS', (route, others) => {
    expect(
      queryParameters(route)
        .filter((name: string) => !others.includes(name))
        .sort(),
    ).toEqual([...FLEET_FILTER_KEYS].sort());
  });
});
