import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATIONS,
  DECLARED_FACT_PREFIX,
  findImplausibleValues,
  readComplianceAnnotations,
  readGroupRef,
} from '@refarch/backstage-plugin-compliance-common';

/**
 * Annotation the processor writes with the problems it found, so the entity stays in the
 * catalog and every view (entity page, compliance backend) can show them.
 *
 * @public
 */
export const ANNOTATION_ERRORS = ANNOTATIONS.annotationErrors;

/**
 * Validates `refarch.dev/*` annotations against the fact vocabulary.
 *
 * The catalog drops an entity whose processing emits an error (a new entity never appears,
 * a changed one keeps its previous version). A malformed annotation should not hide a
 * component, so by default the problems are recorded on the entity itself
 * (`refarch.dev/annotation-errors`, a JSON list) and logged; with
 * `compliance.catalog.strictAnnotations: true` they are emitted as catalog processing errors.
 *
 * `refarch.dev/tech-leads` (on a Group: who approves its templates) is written back in the
 * form the permission policy matches, `group:<namespace>/<name>` in lower case; a value that
 * is no group reference is reported like any other bad annotation and grants nothing.
 *
 * @public
 */
export class ComplianceAnnotationsProcessor implements CatalogProcessor {
  static fromConfig(config: Config, logger: LoggerService) {
    return new ComplianceAnnotationsProcessor(
      config.getOptionalBoolean('compliance.catalog.strictAnnotations') ??
        false,
      logger,
    );
  }

  constructor(
    private readonly strict: boolean,
    private readonly logger?: LoggerService,
  ) {}

  getProcessorName(): string {
    return 'ComplianceAnnotationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const annotations = { ...entity.metadata.annotations };
    delete annotations[ANNOTATION_ERRORS];
    const read = readComplianceAnnotations(annotations);
    // Values the named cloud service cannot have (a 30-day AWS KMS rotation) are reported too.
    const type =
      typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
    const techLeads = annotations[ANNOTATIONS.techLeads];
    const leads = techLeads === undefined ? undefined : readGroupRef(techLeads);
    if (leads && 'ref' in leads) annotations[ANNOTATIONS.techLeads] = leads.ref;
    const errors = [
      ...(leads && 'error' in leads
        ? [`Annotation ${ANNOTATIONS.techLeads}: ${leads.error}`]
        : []),
      ...read.errors,
      ...findImplausibleValues(type, read).map(
        x => `Annotation ${DECLARED_FACT_PREFIX}${x.factId}: ${x.message}`,
      ),
    ];
    if (errors.length === 0) {
      if (
        entity.metadata.annotations?.[ANNOTATION_ERRORS] === undefined &&
        entity.metadata.annotations?.[ANNOTATIONS.techLeads] ===
          annotations[ANNOTATIONS.techLeads]
      )
        return entity;
      return { ...entity, metadata: { ...entity.metadata, annotations } };
    }
    const ref = stringifyEntityRef(entity);
    if (this.strict) {
      for (const message of errors) {
        emit(processingResult.inputError(location, `${ref}: ${message}`));
      }
      return entity;
    }
    this.logger?.warn(
      `Invalid compliance annotations on ${ref}: ${errors.join('; ')}`,
    );
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...annotations,
          [ANNOTATION_ERRORS]: JSON.stringify(errors),
        },
      },
    };
  }
}
