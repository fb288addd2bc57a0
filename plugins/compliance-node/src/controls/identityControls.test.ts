/*
 * Secrets and identity controls (SEC-01, SEC-02, IAM-01, IAM-02) through evaluateEntity
 * with the default policy.
 */
import {
  declared,
  DeclaredSpec,
  declaredCases,
  evaluateDeclared,
  evaluateYaml,
  locations,
} from './testHelpers';

describe('SEC-01 secrets rotate (database credentials ≤ 30 days, others ≤ 90 days)', () => {
  const secret = (name: string, rules: string) => `
Parameters:
  RotationDays: { Type: Number }
Resources:
  ${name}:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString: { SecretStringTemplate: '{"username":"app"}', GenerateStringKey: password, PasswordLength: 32, ExcludeCharacters: '"@/\\' }
  ${name}Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref ${name}
      RotationLambdaARN: arn:aws:lambda:eu-central-1:111122223333:function:SecretsManagerRotation
      RotationRules: ${rules}
`;

  it('passes a database secret rotated every 30 days', () => {
    const r = evaluateYaml(
      secret('DbCredentials', '{ AutomaticallyAfterDays: 30 }'),
    )('SEC-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('DbCredentials: rotates every 30 days (≤ 30)');
    expect(locations(r)).toEqual([
      'DbCredentialsRotation:Properties.RotationRules',
    ]);
  });

  it('passes another secret rotated by a rate(90 days) expression', () => {
    const r = evaluateYaml(
      secret('PartnerApiKey', `{ ScheduleExpression: 'rate(90 days)' }`),
    )('SEC-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('PartnerApiKey: rotates every 90 days (≤ 90)');
  });

  it('fails a database secret rotated every 90 days', () => {
    const r = evaluateYaml(
      secret('DbCredentials', '{ AutomaticallyAfterDays: 90 }'),
    )('SEC-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'DbCredentials: rotates every 90 days; database credentials need ≤ 30',
    );
  });

  it('fails a secret without a rotation schedule', () => {
    const r = evaluateYaml(`
Resources:
  PartnerApiKey: { Type: AWS::SecretsManager::Secret, Properties: { SecretString: '{"key":"to-be-replaced"}' } }
`)('SEC-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('PartnerApiKey: no rotation schedule');
  });

  it('is unknown when the rotation interval comes from a parameter without a default', () => {
    const r = evaluateYaml(
      secret('DbCredentials', '{ AutomaticallyAfterDays: !Ref RotationDays }'),
    )('SEC-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'DbCredentialsRotation: rotation interval cannot be resolved (RotationRules.AutomaticallyAfterDays cannot be resolved: parameter RotationDays has no default and no value was supplied; ScheduleExpression not set)',
    );
  });

  const rds = (props: string) => `
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.medium
      MasterUsername: app
${props}`;

  it('passes an RDS master password managed (and rotated) by RDS', () => {
    const r = evaluateYaml(rds(`      ManageMasterUserPassword: true`))(
      'SEC-01',
    );
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Database: master password managed and rotated by RDS',
    );
  });

  it('fails an RDS master password written in the template', () => {
    const r = evaluateYaml(rds(`      MasterUserPassword: change-me-please`))(
      'SEC-01',
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'Database: master password is not managed or rotated',
    );
    expect(locations(r)).toEqual(['Database:Properties.MasterUserPassword']);
  });

  it('is unknown for an RDS master password taken from a secret (checked on the secret)', () => {
    const r = evaluateYaml(
      rds(
        `      MasterUserPassword: '{{resolve:secretsmanager:prod/db/master:SecretString:password}}'`,
      ),
    )('SEC-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('master password comes from a secret');
  });
});

describe('SEC-02 no plaintext database password; password parameters are NoEcho', () => {
  const rds = (params: string, password: string) => `
Parameters:
${params}
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t4g.medium
      AllocatedStorage: '20'
      MasterUsername: admin
${password}`;

  it('passes ManageMasterUserPassword', () => {
    const r = evaluateYaml(
      rds(
        '  Unused: { Type: String, Default: x }',
        '      ManageMasterUserPassword: true',
      ),
    )('SEC-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Database: no plaintext master password');
  });

  // The pattern of https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html
  // ("Creating a secret … and referencing it from an RDS instance"): the dynamic reference is
  // built with !Sub, so it does not resolve, but it is a secret reference whatever it names.
  it('passes a Secrets Manager dynamic reference built with !Sub (no avoidable unknown)', () => {
    const r = evaluateYaml(`
Resources:
  MyRDSSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString: { SecretStringTemplate: '{"username": "admin"}', GenerateStringKey: password, PasswordLength: 16 }
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t4g.medium
      AllocatedStorage: '20'
      MasterUsername: !Sub '{{resolve:secretsmanager:\${MyRDSSecret}::username}}'
      MasterUserPassword: !Sub '{{resolve:secretsmanager:\${MyRDSSecret}::password}}'
`)('SEC-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Database: master password from Secrets Manager');
  });

  it('passes a Secrets Manager dynamic reference', () => {
    const r = evaluateYaml(
      rds(
        '  Unused: { Type: String, Default: x }',
        `      MasterUserPassword: '{{resolve:secretsmanager:prod/db/master:SecretString:password}}'`,
      ),
    )('SEC-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Database: master password from Secrets Manager');
    expect(locations(r)).toEqual(['Database:Properties.MasterUserPassword']);
  });

  it('fails a literal password', () => {
    const r = evaluateYaml(
      rds(
        '  Unused: { Type: String, Default: x }',
        '      MasterUserPassword: Sup3rS3cret',
      ),
    )('SEC-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Database: MasterUserPassword is a literal or a parameter value in the template',
    );
  });

  it('fails a password parameter without NoEcho, naming the parameter', () => {
    const r = evaluateYaml(
      rds(
        '  DBPassword: { Type: String, MinLength: 8 }',
        `      MasterUserPassword: '{{resolve:secretsmanager:prod/db/master:SecretString:password}}'`,
      ),
    )('SEC-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Parameter(s) DBPassword hold secrets without NoEcho',
    );
    expect(locations(r)).toEqual(['Parameters.DBPassword']);
  });

  it('passes a MasterUserPassword supplied through a NoEcho parameter without a default', () => {
    const r = evaluateYaml(
      rds(
        '  DBPassword: { Type: String, NoEcho: true, MinLength: 8 }',
        '      MasterUserPassword: !Ref DBPassword',
      ),
    )('SEC-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Database: password supplied through a NoEcho parameter (DBPassword)',
    );
    expect(locations(r)).toEqual(['Database:Properties.MasterUserPassword']);
  });

  it('fails a MasterUserPassword supplied through a parameter without NoEcho', () => {
    const r = evaluateYaml(
      rds(
        '  DbLogin: { Type: String }',
        '      MasterUserPassword: !Ref DbLogin',
      ),
    )('SEC-02');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'Database: MasterUserPassword comes from parameter DbLogin, which is not NoEcho',
    );
    expect(locations(r)).toContain('Parameters.DbLogin');
  });

  it('is unknown when MasterUserPassword is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(`${rds(
      '  Environment: { Type: String }',
      `      MasterUserPassword: !If [IsProduction, '{{resolve:secretsmanager:prod/db:SecretString:password}}', '{{resolve:secretsmanager:dev/db:SecretString:password}}x']`,
    )}
Conditions:
  IsProduction: !Equals [!Ref Environment, production]
`)('SEC-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Database: MasterUserPassword cannot be resolved (depends on condition IsProduction',
    );
  });
});

describe('IAM-01 no long-lived access keys in CI or containers', () => {
  // Unresolved values (unknown) and certain failures: see "identity controls: what cannot be resolved…" below.
  const taskDef = (props: string) => `
Resources:
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: 'sts:AssumeRole' }] }
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions: [{ Name: api, Image: 111122223333.dkr.ecr.eu-central-1.amazonaws.com/api:1.0.0 }]
${props}`;

  it('passes a task definition with a task role', () => {
    const r = evaluateYaml(
      taskDef(`      TaskRoleArn: !GetAtt TaskRole.Arn`),
      {},
      { type: 'service' },
    )('IAM-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('TaskDefinition: uses a task role, no stored keys');
    expect(locations(r)).toEqual(['TaskDefinition:Properties.TaskRoleArn']);
  });

  it('fails a task definition without a task role', () => {
    const r = evaluateYaml(taskDef(''), {}, { type: 'service' })('IAM-01');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('TaskDefinition: no TaskRoleArn');
  });

  it('fails an IAM access key, whatever else the template holds', () => {
    const r = evaluateYaml(`${taskDef(
      `      TaskRoleArn: !GetAtt TaskRole.Arn`,
    )}
  CiUser: { Type: AWS::IAM::User, Properties: { UserName: ci-deployer } }
  CiAccessKey: { Type: AWS::IAM::AccessKey, Properties: { UserName: !Ref CiUser, Status: Active } }
`)('IAM-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('CiAccessKey: creates a long-lived access key');
    expect(locations(r)).toEqual(['CiAccessKey']);
  });
});

describe('IAM-02 roles are least-privilege', () => {
  // Unresolved values (unknown) and certain failures: see "identity controls: what cannot be resolved…" below.
  const role = (props: string) => `
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: 'sts:AssumeRole' }] }
${props}`;

  it('passes a role scoped to its resources', () => {
    const r = evaluateYaml(
      role(`      Policies:
        - PolicyName: documents
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::documents/*' }] }`),
    )('IAM-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('AppRole: no wildcard administrator grant');
  });

  it('fails an inline policy allowing "*" on "*"', () => {
    const r = evaluateYaml(
      role(`      Policies:
        - PolicyName: everything
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: '*', Resource: '*' }] }`),
    )('IAM-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('AppRole: grants Action "*" on Resource "*"');
    expect(locations(r)).toEqual(['AppRole']);
  });

  it('fails the AdministratorAccess managed policy', () => {
    const r = evaluateYaml(
      role(
        `      ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess']`,
      ),
    )('IAM-02');
    expect(r.status).toBe('fail');
  });

  it('fails a standalone AWS::IAM::ManagedPolicy allowing "*" on "*"', () => {
    const r = evaluateYaml(`
Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: ['*'], Resource: ['*'] }] }
`)('IAM-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Admin: grants Action "*" on Resource "*"');
  });
});

describe('secrets and identity controls, declared form', () => {
  const specs: DeclaredSpec[] = [
    {
      id: 'SEC-01',
      cls: 'secret',
      name: 'partner-api-key',
      pass: { 'secret-rotation': 'true', 'secret-rotation-period': '90d' },
      passMessage: 'secret-rotation is true; secret-rotation-period is 90d',
      fail: { 'secret-rotation-period': '180d' },
      failMessage: 'secret-rotation-period is 180d; required: ≤ 90d',
      missing: 'secret-rotation',
      todo: 'secret-rotation-period',
      notApplicableClass: 'parameter-store',
    },
    {
      id: 'SEC-02',
      cls: 'database',
      pass: { 'plaintext-password': 'false' },
      passMessage: 'plaintext-password is false',
      fail: { 'plaintext-password': 'true' },
      failMessage: 'plaintext-password is true; required: false',
      missing: 'plaintext-password',
      notApplicableClass: 'secret',
    },
    {
      id: 'IAM-01',
      cls: 'service',
      pass: { 'long-lived-credentials': 'false' },
      passMessage: 'long-lived-credentials is false',
      fail: { 'long-lived-credentials': 'true' },
      failMessage: 'long-lived-credentials is true; required: false',
      missing: 'long-lived-credentials',
      notApplicableClass: 'function',
    },
    {
      id: 'IAM-01',
      cls: 'pipeline',
      pass: { 'long-lived-credentials': 'false', 'ci-oidc': 'true' },
      passMessage: 'long-lived-credentials is false; ci-oidc is true',
      fail: { 'ci-oidc': 'false' },
      failMessage: 'ci-oidc is false; required: true',
      missing: 'ci-oidc',
      todo: 'long-lived-credentials',
    },
    {
      id: 'IAM-02',
      cls: 'service-account',
      pass: { 'least-privilege': 'true' },
      passMessage: 'least-privilege is true',
      fail: { 'least-privilege': 'false' },
      failMessage: 'least-privilege is false; required: true',
      missing: 'least-privilege',
      notApplicableClass: 'pipeline',
    },
  ];
  describe.each(specs)('$id declared form ($cls)', spec => {
    it.each(declaredCases(spec))('%s', (_title, check) => {
      expect.hasAssertions();
      check();
    });
  });

  it('SEC-01 declared: a secret named like database credentials must rotate within 30 days', () => {
    const facts = declared({
      'secret-rotation': 'true',
      'secret-rotation-period': '90d',
    });
    const byName = evaluateDeclared('secret', facts, {
      name: 'orders-db-credentials',
    })('SEC-01');
    expect(byName.status).toBe('fail');
    expect(byName.message).toBe(
      'secret-rotation-period is 90d; required: ≤ 30d',
    );
    expect(
      evaluateDeclared(
        'secret',
        declared({
          'secret-rotation': 'true',
          'secret-rotation-period': '30d',
        }),
        { name: 'orders-db-credentials' },
      )('SEC-01').status,
    ).toBe('pass');
  });
});

describe('identity controls: what cannot be resolved is unknown, a certain failure stays a failure', () => {
  const params = `
Parameters:
  Environment: { Type: String }
  Value: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]`;
  const taskDef = (props: string) => `
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions: [{ Name: api, Image: api:1 }]
${props}`;

  it('IAM-01 is unknown when TaskRoleArn is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(
      `${params}
Resources:${taskDef(
        `      TaskRoleArn: !If [IsProduction, arn:aws:iam::111122223333:role/api, !Ref AWS::NoValue]`,
      )}
`,
      {},
      { type: 'service' },
    )('IAM-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'TaskDefinition: TaskRoleArn cannot be resolved (depends on condition IsProduction',
    );
  });

  it('IAM-01 is unknown when the access key exists only under an undecidable condition, and fails once it is decided to exist', () => {
    const yaml = `${params}
Resources:${taskDef(`      TaskRoleArn: arn:aws:iam::111122223333:role/api`)}
  CiUser: { Type: AWS::IAM::User }
  CiAccessKey: { Type: AWS::IAM::AccessKey, Condition: IsProduction, Properties: { UserName: !Ref CiUser } }
`;
    const r = evaluateYaml(yaml)('IAM-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(
      /^CiAccessKey exists only if condition IsProduction holds, which cannot be decided: /,
    );
    expect(r.message).toContain('CiAccessKey: creates a long-lived access key');
    expect(
      evaluateYaml(
        yaml,
        {},
        { parameters: { Environment: 'production' } },
      )('IAM-01').status,
    ).toBe('fail');
    expect(
      evaluateYaml(
        yaml,
        {},
        { parameters: { Environment: 'staging' } },
      )('IAM-01').status,
    ).toBe('pass');
  });

  it('IAM-02 is unknown when a managed policy ARN comes from a parameter', () => {
    const r = evaluateYaml(`${params}
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      ManagedPolicyArns: [!Ref Value]
`)('IAM-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'AppRole: whether it grants Action "*" on Resource "*" cannot be resolved (parameter Value has no default and no value was supplied)',
    );
  });

  it('SEC-01 does not read the reason of an unresolved Name as a name: unknown between the two maximums', () => {
    const secret = (days: number) =>
      evaluateYaml(`
Parameters:
  DbSecretName: { Type: String }
Resources:
  AppSecret: { Type: AWS::SecretsManager::Secret, Properties: { Name: !Ref DbSecretName } }
  AppSecretRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: { SecretId: !Ref AppSecret, RotationRules: { AutomaticallyAfterDays: ${days} } }
`)('SEC-01');
    // The reason ("parameter DbSecretName has no default…") contains "Db".
    expect(secret(60).status).toBe('unknown');
    expect(secret(60).message).toContain(
      'AppSecret: rotates every 60 days, enough unless it holds database credentials (≤ 30)',
    );
    expect(secret(30).status).toBe('pass');
    expect(secret(120).status).toBe('fail');
  });
});
