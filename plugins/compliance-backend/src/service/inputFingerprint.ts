import { Entity } from '@backstage/catalog-model';
import { ANNOTATIONS } from '@refarch/backstage-plugin-compliance-common';
import { createHash, hash } from 'crypto';
import { EvidenceRecord, WaiverRecord } from '../store/types';
import { dependencyRefs } from './entityInputs';

/** What a page's evaluation inputs are built from. @internal */
export interface FingerprintContext {
  index: ReadonlyMap<string, Entity>;
  evidence: ReadonlyMap<string, EvidenceRecord[]>;
  waivers: ReadonlyMap<string, WaiverRecord[]>;
  now: Date;
  /** JSON of the index's entities, each written once per page. */
  json: Map<string, string>;
}

/**
 * What stands for an entity in a fingerprint: its etag, which the catalog computes from the
 * whole stitched entity (relations included) and changes on any change to it, so a pass need
 * not write every entity out as JSON (issue 19); the entity's JSON where there is no etag.
 */
function entityText(entity: Entity): string {
  const etag = entity.metadata.etag;
  return typeof etag === 'string' && etag
    ? `etag\u0000${etag}`
    : JSON.stringify(entity);
}

/**
 * A fingerprint of what an entity's evaluation input is built from in the catalog, as read:
 * the entity and every entity its dependencies visit (their etag, or JSON), the UTC day,
 * the policy, and the catalog facts stored beside its assessment (`metaKey`: owner, system,
 * domain..., which also come from its system). With {@link factsFingerprint} (its evidence
 * and waivers), the same fingerprints mean the same input, so an idle pass can skip building
 * and hashing the input (issue 19).
 * They are never stored: a runner only trusts fingerprints it computed itself, next to the
 * input hash they led to, so a new version of the code that builds inputs starts from the
 * input hashes. An entity's CloudFormation template is not part of it: the runner also
 * checks the files its template was last read from (IacReader.sourcesCurrent). Undefined for
 * entities whose input also depends on live state (a deployed stack): their input is always
 * built.
 *
 * @internal
 */
export function inputFingerprint(
  entity: Entity,
  ctx: FingerprintContext,
  policyHash: string,
  metaKey: string,
): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (annotations[ANNOTATIONS.cloudformationStack]) return undefined;
  const json = (ref: string) => {
    let text = ctx.json.get(ref);
    if (text === undefined) {
      const target = ctx.index.get(ref);
      text = target ? entityText(target) : '-';
      ctx.json.set(ref, text);
    }
    return text;
  };
  // One text hashed at once: a hash object and a call per piece cost more than the text.
  let text = `${policyHash}\u0000${ctx.now
    .toISOString()
    .slice(0, 10)}\u0000${metaKey}\u0000${entityText(entity)}`;
  for (const dependency of dependencyRefs(entity, ctx.index))
    text += `\u0000${dependency}\u0000${json(dependency)}`;
  return hash('sha256', text, 'base64');
}

/**
 * A fingerprint of an entity's evidence and waiver rows, as read, and of which waivers are
 * in force now: empty when it has none. Kept apart from {@link inputFingerprint} so that a
 * pass that knows no evidence or waiver changed since its last one need not read them.
 *
 * @internal
 */
export function factsFingerprint(
  ref: string,
  ctx: Pick<FingerprintContext, 'evidence' | 'waivers' | 'now'>,
): string {
  const evidence = ctx.evidence.get(ref) ?? [];
  const waivers = ctx.waivers.get(ref) ?? [];
  if (!evidence.length && !waivers.length) return '';
  const now = ctx.now.getTime();
  return createHash('sha256')
    .update(JSON.stringify(evidence))
    .update('\u0000')
    .update(JSON.stringify(waivers))
    .update(JSON.stringify(waivers.map(w => Date.parse(w.expiresAt) > now)))
    .digest('base64');
}
