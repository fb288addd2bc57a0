/*
 * The REST contract holds: every answer of the real plugin (the five documented architectures
 * and the two Software Templates in the catalog, evaluated by the real engine) validates
 * against the response schema openapi.yaml declares for its route and status code. Most
 * schemas are closed (additionalProperties: false), so a field the spec does not know fails
 * here as surely as a missing or mistyped one.
 */
import { Entity } from '@backstage/catalog-model';
import Ajv, { ValidateFunction } from 'ajv';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import YAML from 'yaml';
import { loadCatalogFiles } from './loadCatalogFiles';
import { startComplianceBackend } from './__testUtils__/startComplianceBackend';

jest.setTimeout(120_000);

const spec = YAML.parse(
  fs.readFileSync(path.resolve(__dirname, 'schema/openapi.yaml'), 'utf8'),
);
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(spec, 'openapi.yaml');

const root = path.resolve(__dirname, '../../..');
const catalogDir = path.join(root, 'catalog');

function templateEntities(): Entity[] {
  const dir = path.join(root, 'templates');
  return fs.readdirSync(dir).map(name => {
    const file = path.join(dir, name, 'template.yaml');
    const entity = YAML.parse(fs.readFileSync(file, 'utf8')) as Entity;
    entity.metadata.namespace = 'default';
    entity.metadata.annotations = {
      ...entity.metadata.annotations,
      'backstage.io/managed-by-location': `file:${file}`,
    };
    return entity;
  });
}

const validators = new Map<string, ValidateFunction>();

/** The validator of the response schema the spec declares for this route and status. */
function responseValidator(
  method: string,
  template: string,
  status: number,
): ValidateFunction {
  const key = `${method} ${template} ${status}`;
  const known = validators.get(key);
  if (known) return known;
  const operation = spec.paths[template]?.[method];
  if (!operation) throw new Error(`openapi.yaml has no ${method} ${template}`);
  const response = operation.responses[String(status)];
  if (!response)
    throw new Error(`openapi.yaml declares no ${status} for ${key}`);
  const pointer = response.$ref
    ? `openapi.yaml${response.$ref}/content/application~1json/schema`
    : `openapi.yaml#/paths/${template.replace(
        /\//g,
        '~1',
      )}/${method}/responses/${status}/content/application~1json/schema`;
  const validate = ajv.compile({ $ref: pointer });
  validators.set(key, validate);
  return validate;
}

describe('every answer matches openapi.yaml', () => {
  const catalog = loadCatalogFiles(catalogDir);
  const entities = [...catalog, ...templateEntities()];
  let backend: Awaited<ReturnType<typeof startComplianceBackend>>;
  const checked = new Map<string, number>();

  /**
   * Sends the request, then validates the body against the schema of `template` for the
   * status it got. `expected` is the status the scenario means to produce.
   */
  async function call(
    method: 'get' | 'post',
    template: string,
    url: string,
    expected: number,
    body?: object,
  ): Promise<any> {
    const req = request(backend.server)[method](`/api/compliance${url}`);
    const res = body ? await req.send(body) : await req;
    expect({ url, status: res.status }).toEqual({ url, status: expected });
    const validate = responseValidator(method, template, res.status);
    if (!validate(res.body)) {
      throw new Error(
        `${method.toUpperCase()} ${url} (${
          res.status
        }) does not match openapi.yaml: ${ajv.errorsText(validate.errors, {
          separator: '\n',
        })}`,
      );
    }
    const key = `${method} ${template} ${res.status}`;
    checked.set(key, (checked.get(key) ?? 0) + 1);
    return res.body;
  }

  beforeAll(async () => {
    backend = await startComplianceBackend({
      entities,
      config: {
        compliance: {
          iac: { allowedRoots: [catalogDir, path.join(root, 'templates')] },
        },
      },
    });
    await backend.evaluate();
    await backend.triggerTask('compliance-template-reviews');
  });
  afterAll(() => backend.stop());

  const assessed = catalog.filter(e =>
    ['Component', 'Resource', 'System'].includes(e.kind),
  );
  const path3 = (e: Entity) =>
    `${e.kind.toLocaleLowerCase('en-US')}/${
      e.metadata.namespace ?? 'default'
    }/${e.metadata.name}`;

  it('the assessment, history and evidence of every documented entity', async () => {
    expect(assessed.length).toBeGreaterThan(50);
    let results = 0;
    for (const entity of assessed) {
      const assessment = await call(
        'get',
        '/v1/entities/{kind}/{namespace}/{name}/assessment',
        `/v1/entities/${path3(entity)}/assessment`,
        200,
      );
      results += assessment.results.length;
      await call(
        'get',
        '/v1/entities/{kind}/{namespace}/{name}/history',
        `/v1/entities/${path3(entity)}/history`,
        200,
      );
    }
    await call(
      'get',
      '/v1/entities/{kind}/{namespace}/{name}/assessment',
      '/v1/entities/component/default/no-such-entity/assessment',
      404,
    );
    expect(results).toBeGreaterThan(assessed.length);
  });

  it('has closed schemas: a field the spec does not know fails', async () => {
    const entity = assessed.find(e => e.kind === 'Component')!;
    const assessment = await call(
      'get',
      '/v1/entities/{kind}/{namespace}/{name}/assessment',
      `/v1/entities/${path3(entity)}/assessment`,
      200,
    );
    const validate = responseValidator(
      'get',
      '/v1/entities/{kind}/{namespace}/{name}/assessment',
      200,
    );
    expect(validate({ ...assessment, extra: true })).toBe(false);
    const [first] = assessment.results;
    expect(
      validate({ ...assessment, results: [{ ...first, note: 'x' }] }),
    ).toBe(false);
    expect(validate({ ...assessment, status: 'great' })).toBe(false);
  });

  it('the roll-ups of every System, Domain and Group', async () => {
    let found = 0;
    for (const entity of catalog.filter(e =>
      ['System', 'Domain', 'Group'].includes(e.kind),
    )) {
      const res = await request(backend.server).get(
        `/api/compliance/v1/entities/${path3(entity)}/rollup`,
      );
      await call(
        'get',
        '/v1/entities/{kind}/{namespace}/{name}/rollup',
        `/v1/entities/${path3(entity)}/rollup`,
        res.status,
      );
      if (res.status === 200) found++;
      // Its trend: the first pass recorded every roll-up once.
      const history = await call(
        'get',
        '/v1/entities/{kind}/{namespace}/{name}/rollup/history',
        `/v1/entities/${path3(entity)}/rollup/history`,
        200,
      );
      expect(history.items.length).toBe(res.status === 200 ? 1 : 0);
    }
    expect(found).toBeGreaterThan(5);
  });

  it('the fleet: pages, aggregates, the DR matrix and the policy', async () => {
    const first = await call(
      'get',
      '/v1/assessments',
      '/v1/assessments?limit=20&orderBy=score',
      200,
    );
    expect(first.totalCount).toBe(assessed.length);
    await call(
      'get',
      '/v1/assessments',
      `/v1/assessments?limit=20&orderBy=score&cursor=${encodeURIComponent(
        first.nextCursor,
      )}`,
      200,
    );
    await call(
      'get',
      '/v1/assessments',
      '/v1/assessments?status=fail&drStatus=breached&control=ENC-01&controlStatus=fail&controlStatus=warn&drift=in-sync',
      200,
    );
    for (const groupBy of ['owner', 'system', 'domain', 'kind', 'control']) {
      const { groups } = await call(
        'get',
        '/v1/aggregates',
        `/v1/aggregates?groupBy=${groupBy}`,
        200,
      );
      expect(groups.length).toBeGreaterThan(0);
    }
    const matrix = await call('get', '/v1/dr/matrix', '/v1/dr/matrix', 200);
    expect(matrix.items.length).toBeGreaterThan(0);
    const policy = await call('get', '/v1/policy', '/v1/policy', 200);
    expect(policy.controls.some((c: any) => c.counts !== null)).toBe(true);
    await call('get', '/v1/assessments', '/v1/assessments?status=bogus', 400);
  });

  it('evidence and waivers: recorded, listed, queued, decided', async () => {
    const system = assessed.find(e => e.kind === 'System')!;
    const ref = `system:default/${system.metadata.name}`;
    await call(
      'post',
      '/v1/entities/{kind}/{namespace}/{name}/evidence',
      `/v1/entities/${path3(system)}/evidence`,
      201,
      {
        kind: 'dr-drill',
        performedAt: new Date().toISOString(),
        result: 'pass',
        summary: 'Failed over to eu-west-1 in 12 minutes',
        link: 'https://wiki.example.com/drills/1',
      },
    );
    const evidence = await call(
      'get',
      '/v1/entities/{kind}/{namespace}/{name}/evidence',
      `/v1/entities/${path3(system)}/evidence`,
      200,
    );
    expect(evidence.items).toHaveLength(1);
    const waiver = await call('post', '/v1/waivers', '/v1/waivers', 201, {
      entityRef: ref,
      controlId: 'ENC-01',
      justification: 'Encrypted at the application layer until the migration',
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    await call(
      'get',
      '/v1/waivers',
      `/v1/waivers?entityRef=${encodeURIComponent(ref)}`,
      200,
    );
    await call('get', '/v1/waivers', '/v1/waivers?status=pending', 200);
    const queue = await call(
      'get',
      '/v1/waivers/queue',
      '/v1/waivers/queue',
      200,
    );
    expect(queue.items).toHaveLength(1);
    // The mock caller requested it, so deciding it is refused with the error body.
    await call(
      'post',
      '/v1/waivers/{id}/{decision}',
      `/v1/waivers/${waiver.id}/approve`,
      403,
      {},
    );
  });

  it('template reviews: the list, each detail, current version, freshness and run checks', async () => {
    const { items } = await call('get', '/v1/templates', '/v1/templates', 200);
    expect(items.length).toBe(2);
    for (const item of items) {
      const [, ns, name] = /^template:([^/]+)\/(.+)$/.exec(item.templateRef)!;
      const detail = await call(
        'get',
        '/v1/templates/{namespace}/{name}',
        `/v1/templates/${ns}/${name}`,
        200,
      );
      expect(detail.versions.length).toBeGreaterThan(0);
      const current = await call(
        'get',
        '/v1/templates/{namespace}/{name}/current',
        `/v1/templates/${ns}/${name}/current`,
        200,
      );
      await call(
        'get',
        '/v1/template-freshness',
        `/v1/template-freshness?stamp=${encodeURIComponent(
          `${item.templateRef}@${current.version}`,
        )}`,
        200,
      );
      await call(
        'post',
        '/v1/template-run-checks',
        '/v1/template-run-checks',
        200,
        {
          dryRun: false,
          templateRef: item.templateRef,
        },
      );
    }
    await call(
      'get',
      '/v1/templates/{namespace}/{name}',
      '/v1/templates/default/no-such-template',
      404,
    );
  });

  it('checked every route of the spec that this catalog can answer', () => {
    const routes = new Set(
      [...checked.keys()].map(k => k.split(' ').slice(0, 2).join(' ')),
    );
    const declared = Object.entries(spec.paths).flatMap(([p, ops]) =>
      Object.keys(ops as object).map(m => `${m} ${p}`),
    );
    // The deployed stack needs compliance.live (validated in live/liveStacks.test.ts); a
    // template decision needs a tech lead (packages/backend templateApproval.test.ts).
    const elsewhere = [
      'get /v1/live/entities/{kind}/{namespace}/{name}',
      'post /v1/templates/{namespace}/{name}/versions/{version}/{decision}',
    ];
    expect(
      declared.filter(r => !routes.has(r) && !elsewhere.includes(r)),
    ).toEqual([]);
  });
});
