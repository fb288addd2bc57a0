/*
 * Container and registry hardening controls (HRD-01 … HRD-06) through evaluateEntity with
 * the default policy. Task definitions are evaluated as the IaC of a `service` component
 * (profile aws-ecs-service).
 */
import {
  DeclaredSpec,
  declaredCases,
  evaluateYaml,
  locations,
} from './testHelpers';

const SERVICE = { type: 'service' };

/** A Fargate task definition with the given container definitions (YAML list items). */
const task = (
  containers: string,
  taskProps = `      Cpu: '512'\n      Memory: '1024'`,
) => `
Parameters:
  ReadOnlyRoot: { Type: String, AllowedValues: ['true', 'false'] }
  ContainerUser: { Type: String }
  Privileged: { Type: String }
  ApiKey: { Type: String, NoEcho: true }
Resources:
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: api
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      TaskRoleArn: arn:aws:iam::111122223333:role/api-task
      ExecutionRoleArn: arn:aws:iam::111122223333:role/ecsTaskExecutionRole
${taskProps}
      ContainerDefinitions:
${containers}`;

const container = (name: string, props: string) => `        - Name: ${name}
          Image: 111122223333.dkr.ecr.eu-central-1.amazonaws.com/${name}:1.4.2
          Essential: true
${props}`;

describe('HRD-01 containers have a read-only root filesystem', () => {
  it('passes when every container has ReadonlyRootFilesystem true', () => {
    const r = evaluateYaml(
      task(container('api', `          ReadonlyRootFilesystem: true`)),
      {},
      SERVICE,
    )('HRD-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'TaskDefinition: read-only root filesystem everywhere',
    );
    expect(locations(r)).toEqual([
      'TaskDefinition:Properties.ContainerDefinitions.ReadonlyRootFilesystem',
    ]);
  });

  it('fails naming the container with a writable root filesystem', () => {
    const r = evaluateYaml(
      task(`${container('api', `          ReadonlyRootFilesystem: true`)}
${container('worker', `          ReadonlyRootFilesystem: false`)}`),
      {},
      SERVICE,
    )('HRD-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('TaskDefinition: writable root filesystem (worker)');
  });

  it('is unknown when ReadonlyRootFilesystem comes from a parameter without a default', () => {
    const r = evaluateYaml(
      task(
        container('api', `          ReadonlyRootFilesystem: !Ref ReadOnlyRoot`),
      ),
      {},
      SERVICE,
    )('HRD-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'TaskDefinition: ReadonlyRootFilesystem of api cannot be resolved (parameter ReadOnlyRoot has no default and no value was supplied)',
    );
    expect(locations(r)).toEqual([
      'TaskDefinition:Properties.ContainerDefinitions',
    ]);
  });
});

describe('HRD-02 containers run as a non-root user', () => {
  it('passes with User 1000', () => {
    const r = evaluateYaml(
      task(container('api', `          User: '1000'`)),
      {},
      SERVICE,
    )('HRD-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'TaskDefinition: every container runs as a non-root user',
    );
  });

  it('fails without User (the image default is root)', () => {
    const r = evaluateYaml(
      task(container('api', `          Cpu: 256`)),
      {},
      SERVICE,
    )('HRD-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('TaskDefinition: no User set or root (api)');
    expect(locations(r)).toEqual([
      'TaskDefinition:Properties.ContainerDefinitions.User',
    ]);
  });

  it('fails User root, 0 and 0:0', () => {
    for (const user of ['root', "'0'", "'0:0'"]) {
      const r = evaluateYaml(
        task(container('api', `          User: ${user}`)),
        {},
        SERVICE,
      )('HRD-02');
      expect(r.status).toBe('fail');
    }
  });

  it('is unknown when User comes from a parameter without a default', () => {
    const r = evaluateYaml(
      task(container('api', `          User: !Ref ContainerUser`)),
      {},
      SERVICE,
    )('HRD-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'TaskDefinition: User of api cannot be resolved (parameter ContainerUser has no default and no value was supplied)',
    );
  });
});

describe('HRD-03 containers are unprivileged, add no capabilities, and have resource limits', () => {
  it('passes an unprivileged Fargate task with task-level CPU and memory', () => {
    const r = evaluateYaml(
      task(container('api', `          Privileged: false`)),
      {},
      SERVICE,
    )('HRD-03');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'TaskDefinition: no privileged container; TaskDefinition: no added capabilities; TaskDefinition: task CPU and memory limits set',
    );
  });

  it('fails a privileged container', () => {
    const r = evaluateYaml(
      task(container('agent', `          Privileged: true`)),
      {},
      SERVICE,
    )('HRD-03');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('TaskDefinition: privileged (agent)');
    expect(locations(r)).toEqual([
      'TaskDefinition:Properties.ContainerDefinitions.Privileged',
    ]);
  });

  it('fails a container adding Linux capabilities', () => {
    const r = evaluateYaml(
      task(
        container(
          'agent',
          `          LinuxParameters: { Capabilities: { Add: [SYS_ADMIN, NET_ADMIN] } }`,
        ),
      ),
      {},
      SERVICE,
    )('HRD-03');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('TaskDefinition: adds Linux capabilities (agent)');
  });

  it('fails a task without task-level or container memory limits', () => {
    const r = evaluateYaml(
      task(container('api', `          Cpu: 256`), `      Cpu: '512'`),
      {},
      SERVICE,
    )('HRD-03');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('TaskDefinition: no memory limit (api)');
  });

  it('accepts container-level memory limits instead of task-level ones', () => {
    const r = evaluateYaml(
      task(container('api', `          Memory: 512`), ''),
      {},
      SERVICE,
    )('HRD-03');
    expect(r.status).toBe('pass');
    expect(r.message).toContain('TaskDefinition: container memory limits');
  });

  it('is unknown when Privileged comes from a parameter without a default', () => {
    const r = evaluateYaml(
      task(container('agent', `          Privileged: !Ref Privileged`)),
      {},
      SERVICE,
    )('HRD-03');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'TaskDefinition: Privileged of agent cannot be resolved (parameter Privileged has no default and no value was supplied)',
    );
  });
});

describe('HRD-04 no secrets in container environment variables', () => {
  // A secret-looking variable set through Environment is a leak whatever its (possibly
  // unresolved) value; only a Secrets Manager reference, or a Secrets Manager / SSM
  // parameter ARN the workload resolves, is accepted (see the tests further below).
  it('passes when secrets come through Secrets (valueFrom) and Environment holds configuration', () => {
    const r = evaluateYaml(
      task(
        container(
          'api',
          `          Environment: [{ Name: NODE_ENV, Value: production }, { Name: LOG_LEVEL, Value: info }]
          Secrets: [{ Name: DATABASE_PASSWORD, ValueFrom: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:db:password::' }]`,
        ),
      ),
      {},
      SERVICE,
    )('HRD-04');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'TaskDefinition: secrets come from Secrets Manager (valueFrom)',
    );
  });

  it('passes a secret-named variable that references a secret of the template (its ARN, not its value)', () => {
    const r = evaluateYaml(
      `${task(
        container(
          'api',
          `          Environment: [{ Name: DB_SECRET_ARN, Value: !Ref DbSecret }]`,
        ),
      )}
  DbSecret: { Type: AWS::SecretsManager::Secret, Properties: { GenerateSecretString: { PasswordLength: 32 } } }
`,
      {},
      SERVICE,
    )('HRD-04');
    expect(r.status).toBe('pass');
  });

  it('passes a Secrets Manager dynamic reference in Environment', () => {
    const r = evaluateYaml(
      task(
        container(
          'api',
          `          Environment: [{ Name: STRIPE_API_KEY, Value: '{{resolve:secretsmanager:stripe:SecretString:key}}' }]`,
        ),
      ),
      {},
      SERVICE,
    )('HRD-04');
    expect(r.status).toBe('pass');
  });

  it('fails a literal password in Environment, naming container and variable', () => {
    const r = evaluateYaml(
      task(
        container(
          'api',
          `          Environment: [{ Name: NODE_ENV, Value: production }, { Name: DB_PASSWORD, Value: hunter2 }]`,
        ),
      ),
      {},
      SERVICE,
    )('HRD-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'TaskDefinition: secret-looking environment values api.DB_PASSWORD; use Secrets (valueFrom)',
    );
    expect(locations(r)).toEqual([
      'TaskDefinition:Properties.ContainerDefinitions.Environment',
    ]);
  });

  it('fails an API key passed from a NoEcho parameter into Environment', () => {
    const r = evaluateYaml(
      task(
        container(
          'api',
          `          Environment: [{ Name: API_KEY, Value: !Ref ApiKey }]`,
        ),
      ),
      {},
      SERVICE,
    )('HRD-04');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('api.API_KEY');
  });
});

describe('HRD-05 registries scan on push, use immutable tags and a lifecycle policy', () => {
  const repo = (props: string) => `
Parameters:
  ScanOnPush: { Type: String }
Resources:
  Repository:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: api
      EncryptionConfiguration: { EncryptionType: KMS }
${props}`;
  const lifecycle = `      LifecyclePolicy: { LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}' }`;

  it('passes with scan on push, immutable tags and a lifecycle policy', () => {
    const r = evaluateYaml(
      repo(
        `      ImageScanningConfiguration: { ScanOnPush: true }\n      ImageTagMutability: IMMUTABLE\n${lifecycle}`,
      ),
    )('HRD-05');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Repository: scan on push, immutable tags, lifecycle policy',
    );
  });

  it('fails a repository with defaults, listing every problem', () => {
    const r = evaluateYaml(
      repo(`      ImageScanningConfiguration: { ScanOnPush: false }`),
    )('HRD-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Repository: scan on push is off, tags are mutable, no lifecycle policy',
    );
    expect(locations(r)).toEqual(['Repository']);
  });

  it('fails mutable tags alone', () => {
    const r = evaluateYaml(
      repo(
        `      ImageScanningConfiguration: { ScanOnPush: true }\n      ImageTagMutability: MUTABLE\n${lifecycle}`,
      ),
    )('HRD-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Repository: tags are mutable');
  });

  it('is unknown when ScanOnPush comes from a parameter without a default', () => {
    const r = evaluateYaml(
      repo(
        `      ImageScanningConfiguration: { ScanOnPush: !Ref ScanOnPush }\n      ImageTagMutability: IMMUTABLE\n${lifecycle}`,
      ),
    )('HRD-05');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Repository: ScanOnPush cannot be resolved (parameter ScanOnPush has no default and no value was supplied)',
    );
    expect(locations(r)).toEqual([
      'Repository:Properties.ImageScanningConfiguration',
    ]);
  });
});

describe('HRD-06 every service has a health check', () => {
  // Unresolved values (unknown) and certain failures: see "hardening controls: what cannot be resolved…" below.
  const healthCheck = `          HealthCheck: { Command: [CMD-SHELL, 'curl -f http://localhost:8080/health || exit 1'], Interval: 30, Timeout: 5, Retries: 3, StartPeriod: 60 }`;

  it('passes when every essential container has a HealthCheck (non-essential sidecars may omit it)', () => {
    const r = evaluateYaml(
      task(`${container('api', healthCheck)}
        - { Name: log-router, Image: public.ecr.aws/aws-observability/aws-for-fluent-bit:stable, Essential: false }`),
      {},
      SERVICE,
    )('HRD-06');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('TaskDefinition: container health checks defined');
  });

  it('passes when a load balancer target group health-checks the service', () => {
    const r = evaluateYaml(
      `${task(
        container('api', `          PortMappings: [{ ContainerPort: 8080 }]`),
      )}
  TargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: { Port: 8080, Protocol: HTTP, TargetType: ip, VpcId: vpc-0a1b2c3d, HealthCheckPath: /health, HealthCheckIntervalSeconds: 15 }
`,
      {},
      SERVICE,
    )('HRD-06');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'TaskDefinition: health checked by the load balancer target group',
    );
  });

  it('fails when no essential container is health-checked and there is no target group', () => {
    const r = evaluateYaml(
      task(container('worker', `          Command: [node, worker.js]`)),
      {},
      SERVICE,
    )('HRD-06');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('TaskDefinition: no health check for worker');
    expect(locations(r)).toEqual([
      'TaskDefinition:Properties.ContainerDefinitions.HealthCheck',
    ]);
  });

  it('fails when the only target group has health checks disabled', () => {
    const r = evaluateYaml(
      `${task(
        container('api', `          PortMappings: [{ ContainerPort: 8080 }]`),
      )}
  TargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: { Port: 8080, Protocol: HTTP, TargetType: ip, VpcId: vpc-0a1b2c3d, HealthCheckEnabled: false, HealthCheckPath: /health }
`,
      {},
      SERVICE,
    )('HRD-06');
    expect(r.status).toBe('fail');
  });
});

describe('hardening controls, declared form', () => {
  const specs: DeclaredSpec[] = [
    {
      id: 'HRD-01',
      cls: 'service',
      pass: { 'read-only-root-fs': 'true' },
      passMessage: 'read-only-root-fs is true',
      fail: { 'read-only-root-fs': 'false' },
      failMessage: 'read-only-root-fs is false; required: true',
      missing: 'read-only-root-fs',
      notApplicableClass: 'function',
    },
    {
      id: 'HRD-02',
      cls: 'worker',
      pass: { 'non-root-user': 'true' },
      passMessage: 'non-root-user is true',
      fail: { 'non-root-user': 'false' },
      failMessage: 'non-root-user is false; required: true',
      missing: 'non-root-user',
      notApplicableClass: 'function',
    },
    {
      id: 'HRD-03',
      cls: 'service',
      pass: { 'runs-privileged': 'false', 'resource-limits': 'true' },
      passMessage: 'runs-privileged is false; resource-limits is true',
      fail: { 'runs-privileged': 'true' },
      failMessage: 'runs-privileged is true; required: false',
      missing: 'resource-limits',
      todo: 'runs-privileged',
      notApplicableClass: 'container-cluster',
    },
    {
      id: 'HRD-04',
      cls: 'function',
      pass: { 'secrets-from-store': 'true' },
      passMessage: 'secrets-from-store is true',
      fail: { 'secrets-from-store': 'false' },
      failMessage: 'secrets-from-store is false; required: true',
      missing: 'secrets-from-store',
      notApplicableClass: 'website',
    },
    {
      id: 'HRD-05',
      cls: 'container-registry',
      pass: {
        'image-scan-on-push': 'true',
        'image-tags-immutable': 'true',
        'image-lifecycle-policy': 'true',
      },
      passMessage:
        'image-scan-on-push is true; image-tags-immutable is true; image-lifecycle-policy is true',
      fail: { 'image-tags-immutable': 'false' },
      failMessage: 'image-tags-immutable is false; required: true',
      missing: 'image-lifecycle-policy',
      todo: 'image-scan-on-push',
    },
    {
      id: 'HRD-06',
      cls: 'service',
      pass: { 'health-check': 'true' },
      passMessage: 'health-check is true',
      fail: { 'health-check': 'false' },
      failMessage: 'health-check is false; required: true',
      missing: 'health-check',
      notApplicableClass: 'database',
    },
  ];
  describe.each(specs)('$id declared form ($cls)', spec => {
    it.each(declaredCases(spec))('%s', (_title, check) => {
      expect.hasAssertions();
      check();
    });
  });
});

describe('hardening controls: what cannot be resolved is unknown, a certain failure stays a failure', () => {
  const conditional = `
Parameters:
  Environment: { Type: String }
  ScanOnPush: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]`;

  it('HRD-02 fails uid 0 with any group, and root with a group', () => {
    for (const user of ["'0:1000'", "'root:app'", "' 0:0 '"]) {
      const r = evaluateYaml(
        task(container('api', `          User: ${user}`)),
        {},
        SERVICE,
      )('HRD-02');
      expect(r.status).toBe('fail');
      expect(r.message).toBe('TaskDefinition: no User set or root (api)');
    }
    expect(
      evaluateYaml(
        task(container('api', `          User: '1000:0'`)),
        {},
        SERVICE,
      )('HRD-02').status,
    ).toBe('pass');
  });

  it('HRD-01 fails a writable container even when another container cannot be resolved (fail outranks unknown)', () => {
    const r = evaluateYaml(
      task(`${container(
        'api',
        `          ReadonlyRootFilesystem: !Ref ReadOnlyRoot`,
      )}
${container('worker', `          ReadonlyRootFilesystem: false`)}`),
      {},
      SERVICE,
    )('HRD-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('TaskDefinition: writable root filesystem (worker)');
  });

  it('HRD-04 accepts a Secrets Manager or SSM parameter ARN in a secret-named variable: a reference, not the secret', () => {
    const r = evaluateYaml(
      task(
        container(
          'api',
          `          Environment:
            - { Name: DB_PASSWORD_SECRET_ARN, Value: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:db-password-AbCdEf' }
            - { Name: API_TOKEN_PARAMETER, Value: 'arn:aws:ssm:eu-central-1:111122223333:parameter/api/token' }`,
        ),
      ),
      {},
      SERVICE,
    )('HRD-04');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'TaskDefinition: secrets come from Secrets Manager (valueFrom)',
    );
  });

  it('HRD-05 fails mutable tags without a lifecycle policy even though ScanOnPush cannot be resolved', () => {
    const r = evaluateYaml(`${conditional}
Resources:
  Repository:
    Type: AWS::ECR::Repository
    Properties: { ImageScanningConfiguration: { ScanOnPush: !Ref ScanOnPush }, ImageTagMutability: MUTABLE }
`)('HRD-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Repository: tags are mutable, no lifecycle policy; ScanOnPush cannot be resolved',
    );
    expect(locations(r)).toEqual(['Repository']);
  });

  it('HRD-06 is unknown when the HealthCheck of an essential container is an Fn::If and no target group checks it', () => {
    const r = evaluateYaml(
      `${conditional}
Resources:
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: api
          Image: api:1
          HealthCheck: !If [IsProduction, { Command: [CMD-SHELL, 'curl -f http://localhost/health || exit 1'] }, !Ref AWS::NoValue]
`,
      {},
      SERVICE,
    )('HRD-06');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'TaskDefinition: whether api is health-checked cannot be resolved',
    );
  });
});
