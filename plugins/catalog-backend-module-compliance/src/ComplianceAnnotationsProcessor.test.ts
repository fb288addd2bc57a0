import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ANNOTATION_ERRORS,
  ComplianceAnnotationsProcessor,
} from './ComplianceAnnotationsProcessor';

const location = { type: 'file', target: '/catalog/x.yaml' };

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'db', annotations },
  spec: { type: 'database', owner: 'group:default/dba' },
});

const group = (techLeads: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'payments',
    annotations: { 'refarch.dev/tech-leads': techLeads },
  },
  spec: { type: 'team', children: [] },
});

describe('ComplianceAnnotationsProcessor', () => {
  it('writes refarch.dev/tech-leads back in the form the permission policy matches', async () => {
    const processor = new ComplianceAnnotationsProcessor(false);
    const emit = jest.fn();
    for (const [value, ref] of [
      ['payments-leads', 'group:default/payments-leads'],
      ['Group:Finance/Payments-Leads', 'group:finance/payments-leads'],
      ['finance/leads', 'group:finance/leads'],
    ]) {
      const out = await processor.postProcessEntity(
        group(value),
        location,
        emit,
      );
      expect(out.metadata.annotations).toEqual({
        'refarch.dev/tech-leads': ref,
      });
    }
    expect(emit).not.toHaveBeenCalled();
  });

  it('reports a refarch.dev/tech-leads that names no group, and keeps the group', async () => {
    const processor = new ComplianceAnnotationsProcessor(false);
    const out = await processor.postProcessEntity(
      group('user:default/jane'),
      location,
      jest.fn(),
    );
    expect(JSON.parse(out.metadata.annotations![ANNOTATION_ERRORS])).toEqual([
      'Annotation refarch.dev/tech-leads: "user:default/jane" must name a Group, not a user',
    ]);
    const strict = new ComplianceAnnotationsProcessor(true);
    const emit = jest.fn();
    await strict.postProcessEntity(group('a/b/c'), location, emit);
    expect(emit).toHaveBeenCalledWith(
      expect.objectContaining({
        error: expect.objectContaining({
          message: expect.stringContaining(
            '"a/b/c" is not a group reference (group:<namespace>/<name>)',
          ),
        }),
      }),
    );
  });

  it('keeps valid entities unchanged', async () => {
    const processor = new ComplianceAnnotationsProcessor(
      false,
      mockServices.logger.mock(),
    );
    const emit = jest.fn();
    const input = entity({
      'refarch.dev/tier': 'critical',
      'refarch.dev/declared.backup-retention': '35d',
    });
    await expect(
      processor.postProcessEntity(input, location, emit),
    ).resolves.toBe(input);
    expect(emit).not.toHaveBeenCalled();
  });

  it('records readable errors on the entity and keeps it in the catalog', async () => {
    const logger = mockServices.logger.mock();
    const processor = new ComplianceAnnotationsProcessor(false, logger);
    const emit = jest.fn();
    const out = await processor.postProcessEntity(
      entity({
        'refarch.dev/tier': 'gold',
        'refarch.dev/declared.backup-retention': 'thirty days',
        'refarch.dev/declared.backup-retension': '35d',
        'refarch.dev/rpo': '15m',
      }),
      location,
      emit,
    );
    expect(emit).not.toHaveBeenCalled();
    const errors = JSON.parse(out.metadata.annotations![ANNOTATION_ERRORS]);
    expect(errors).toEqual([
      'Annotation refarch.dev/tier: must be one of critical, standard (or an assumption "assumed: <tier>, <why>"), got "gold"',
      'Annotation refarch.dev/declared.backup-retention: fact "backup-retention" must be a duration such as 15m, 4h, 35d or 1y, got "thirty days"',
      'Annotation refarch.dev/declared.backup-retension: unknown fact "backup-retension"',
    ]);
    // The valid annotation is untouched and the entity is still returned.
    expect(out.metadata.annotations!['refarch.dev/rpo']).toBe('15m');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('resource:default/db'),
    );
  });

  it('clears a stale error annotation once the entity is fixed', async () => {
    const processor = new ComplianceAnnotationsProcessor(false);
    const out = await processor.postProcessEntity(
      entity({
        'refarch.dev/tier': 'critical',
        [ANNOTATION_ERRORS]: '["old"]',
      }),
      location,
      jest.fn(),
    );
    expect(out.metadata.annotations).toEqual({
      'refarch.dev/tier': 'critical',
    });
  });

  it('emits catalog processing errors in strict mode', async () => {
    const processor = new ComplianceAnnotationsProcessor(true);
    const emit = jest.fn();
    await processor.postProcessEntity(
      entity({ 'refarch.dev/declared.multi-az': 'maybe' }),
      location,
      emit,
    );
    expect(emit).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({
          message: expect.stringContaining(
            'fact "multi-az" must be true or false, got "maybe"',
          ),
        }),
      }),
    );
  });
});
