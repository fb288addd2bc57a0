/*
 * Encryption controls (ENC-01 … ENC-08, TLS-01, TLS-02) through evaluateEntity with the
 * default policy: CloudFormation pass / fail / unknown, then the declared-fact form. The
 * buckets' ENC-03/ENC-04 and the listeners' TLS-01/TLS-02 are in bucketEncryptionControls.test.ts
 * and tlsControls.test.ts.
 */
import {
  declared,
  DeclaredSpec,
  declaredCases,
  evaluateDeclared,
  evaluateYaml,
  locations,
} from './testHelpers';

const KEY = `
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy: { Version: '2012-10-17', Statement: [] }`;

describe('ENC-01 databases are encrypted at rest with a customer-managed key', () => {
  const db = (props: string, extra = '') => `
Parameters:
  Environment: { Type: String, AllowedValues: [staging, production] }
  EncryptStorage: { Type: String, AllowedValues: ['true', 'false'] }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]
Resources:${KEY}
  Database:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    Properties:
      Engine: postgres
      DBInstanceClass: db.r6g.large
      AllocatedStorage: '100'
      MasterUsername: app
      ManageMasterUserPassword: true
${props}${extra}`;

  it('passes with StorageEncrypted and a KmsKeyId that references a key of the template', () => {
    const r = evaluateYaml(
      db(`      StorageEncrypted: true\n      KmsKeyId: !Ref DataKey`),
    )('ENC-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Database: encrypted with a customer-managed KMS key',
    );
    expect(locations(r)).toEqual(['Database:Properties.KmsKeyId']);
  });

  it('passes with a customer key ARN given as a literal ("true" as a string counts)', () => {
    const r = evaluateYaml(
      db(
        `      StorageEncrypted: 'true'\n      KmsKeyId: arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      ),
    )('ENC-01');
    expect(r.status).toBe('pass');
  });

  it('checks the Aurora cluster, not its member instances', () => {
    const r = evaluateYaml(`
Resources:${KEY}
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql, MasterUsername: app, ManageMasterUserPassword: true, StorageEncrypted: true, KmsKeyId: !GetAtt DataKey.Arn }
  Writer:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster, DBInstanceClass: db.r6g.large }
`)('ENC-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Cluster: encrypted with a customer-managed KMS key',
    );
  });

  it('fails when StorageEncrypted is false', () => {
    const r = evaluateYaml(
      db(`      StorageEncrypted: false\n      KmsKeyId: !Ref DataKey`),
    )('ENC-01');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('Database: StorageEncrypted is not true');
    expect(locations(r)).toEqual(['Database:Properties.StorageEncrypted']);
  });

  it('fails when StorageEncrypted is omitted (RDS default: unencrypted)', () => {
    const r = evaluateYaml(db(`      KmsKeyId: !Ref DataKey`))('ENC-01');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('StorageEncrypted is not true');
  });

  it('fails when encrypted with the AWS-managed key (no KmsKeyId, or alias/aws/rds)', () => {
    for (const key of [
      '',
      '\n      KmsKeyId: alias/aws/rds',
      '\n      KmsKeyId: arn:aws:kms:eu-central-1:111122223333:alias/aws/rds',
    ]) {
      const r = evaluateYaml(db(`      StorageEncrypted: true${key}`))(
        'ENC-01',
      );
      expect(r.status).toBe('fail');
      expect(r.message).toContain(
        'Database: encrypted with the AWS-managed key aws/rds',
      );
      expect(locations(r)).toEqual(['Database:Properties.KmsKeyId']);
    }
  });

  it('is unknown when StorageEncrypted comes from a parameter without a default', () => {
    const r = evaluateYaml(
      db(
        `      StorageEncrypted: !Ref EncryptStorage\n      KmsKeyId: !Ref DataKey`,
      ),
    )('ENC-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Database: StorageEncrypted cannot be resolved',
    );
    expect(r.message).toContain('parameter EncryptStorage has no default');
    expect(locations(r)).toEqual(['Database:Properties.StorageEncrypted']);
  });

  it('is unknown when KmsKeyId is an Fn::If on an undecidable condition, and decided once the parameter is supplied', () => {
    const yaml = db(
      `      StorageEncrypted: true\n      KmsKeyId: !If [IsProduction, !Ref DataKey, !Ref AWS::NoValue]`,
    );
    const r = evaluateYaml(yaml)('ENC-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Database: KmsKeyId cannot be resolved');
    expect(r.message).toContain('condition IsProduction');
    expect(
      evaluateYaml(
        yaml,
        {},
        { parameters: { Environment: 'production' } },
      )('ENC-01').status,
    ).toBe('pass');
    expect(
      evaluateYaml(
        yaml,
        {},
        { parameters: { Environment: 'staging' } },
      )('ENC-01').status,
    ).toBe('fail');
  });
});

describe('ENC-02 KMS keys rotate automatically', () => {
  const key = (props: string) => `
Parameters:
  Rotate: { Type: String }
  RotationDays: { Type: Number }
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      Description: data key
      KeyPolicy: { Version: '2012-10-17', Statement: [] }
${props}`;

  it('passes with rotation enabled every 90 days', () => {
    const r = evaluateYaml(
      key(`      EnableKeyRotation: true\n      RotationPeriodInDays: 90`),
    )('ENC-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Key: rotates every 90 days');
    expect(locations(r)).toEqual(['Key:Properties.EnableKeyRotation']);
  });

  it('passes with rotation enabled and the default period (365 days)', () => {
    const r = evaluateYaml(key(`      EnableKeyRotation: true`))('ENC-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Key: rotates every 365 days');
  });

  it('does not require rotation of an asymmetric key', () => {
    const r = evaluateYaml(
      key(`      KeySpec: RSA_2048\n      KeyUsage: SIGN_VERIFY`),
    )('ENC-02');
    expect(r.status).toBe('pass');
    expect(r.message).toContain('asymmetric/HMAC key (RSA_2048)');
    expect(locations(r)).toEqual(['Key:Properties.KeySpec']);
  });

  it('fails when EnableKeyRotation is omitted or false', () => {
    for (const props of [
      '      Enabled: true',
      '      EnableKeyRotation: false',
    ]) {
      const r = evaluateYaml(key(props))('ENC-02');
      expect(r.status).toBe('fail');
      expect(r.message).toBe('Key: EnableKeyRotation is not true');
      expect(locations(r)).toEqual(['Key:Properties.EnableKeyRotation']);
    }
  });

  it('fails when the rotation period exceeds the policy maximum (365 days)', () => {
    const r = evaluateYaml(
      key(`      EnableKeyRotation: true\n      RotationPeriodInDays: 730`),
    )('ENC-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Key: rotates every 730 days; the policy requires ≤ 365',
    );
    expect(locations(r)).toEqual(['Key:Properties.RotationPeriodInDays']);
  });

  it('is unknown when EnableKeyRotation comes from a parameter without a default', () => {
    const r = evaluateYaml(key(`      EnableKeyRotation: !Ref Rotate`))(
      'ENC-02',
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Key: EnableKeyRotation cannot be resolved');
    expect(r.message).toContain('parameter Rotate has no default');
  });

  it('is unknown when RotationPeriodInDays comes from a parameter without a default', () => {
    const r = evaluateYaml(
      key(
        `      EnableKeyRotation: true\n      RotationPeriodInDays: !Ref RotationDays`,
      ),
    )('ENC-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('RotationPeriodInDays cannot be resolved');
    expect(locations(r)).toEqual(['Key:Properties.RotationPeriodInDays']);
  });
});

describe('ENC-05 caches encrypt at rest (CMK) and in transit', () => {
  const group = (props: string) => `
Parameters:
  InTransit: { Type: String }
Resources:${KEY}
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: redis
      CacheNodeType: cache.r6g.large
      NumCacheClusters: 2
${props}`;

  it('passes with at-rest (CMK) and in-transit encryption', () => {
    const r = evaluateYaml(
      group(
        `      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n      KmsKeyId: !Ref DataKey`,
      ),
    )('ENC-05');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Sessions: encrypted at rest; Sessions: encrypted in transit; Sessions: customer-managed key',
    );
  });

  it('fails without at-rest encryption', () => {
    const r = evaluateYaml(
      group(
        `      AtRestEncryptionEnabled: false\n      TransitEncryptionEnabled: true\n      KmsKeyId: !Ref DataKey`,
      ),
    )('ENC-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Sessions: AtRestEncryptionEnabled is not true');
    expect(locations(r)).toEqual([
      'Sessions:Properties.AtRestEncryptionEnabled',
    ]);
  });

  it('fails with the AWS-managed key', () => {
    const r = evaluateYaml(
      group(
        `      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true`,
      ),
    )('ENC-05');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('no customer-managed KmsKeyId');
  });

  it('fails a standalone CacheCluster', () => {
    const r = evaluateYaml(`
Resources:
  Memcached: { Type: AWS::ElastiCache::CacheCluster, Properties: { Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 1 } }
`)('ENC-05');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'Memcached: a standalone CacheCluster cannot be encrypted at rest',
    );
  });

  it('is unknown when TransitEncryptionEnabled comes from a parameter without a default', () => {
    const r = evaluateYaml(
      group(
        `      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: !Ref InTransit\n      KmsKeyId: !Ref DataKey`,
      ),
    )('ENC-05');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Sessions: TransitEncryptionEnabled cannot be resolved',
    );
    expect(locations(r)).toEqual([
      'Sessions:Properties.TransitEncryptionEnabled',
    ]);
  });
});

describe('ENC-06 cache clients authenticate', () => {
  const group = (props: string) => `
Parameters:
  CacheAuthToken: { Type: String, NoEcho: true }
Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: redis
      CacheNodeType: cache.r6g.large
      TransitEncryptionEnabled: true
${props}`;

  it('passes with an AuthToken from a Secrets Manager dynamic reference', () => {
    const r = evaluateYaml(
      group(
        `      AuthToken: '{{resolve:secretsmanager:sessions-auth:SecretString:token}}'`,
      ),
    )('ENC-06');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Sessions: auth token resolved from Secrets Manager',
    );
    expect(locations(r)).toEqual(['Sessions:Properties.AuthToken']);
  });

  it('passes with RBAC user groups', () => {
    const r = evaluateYaml(`
Resources:
  AppUsers: { Type: AWS::ElastiCache::UserGroup, Properties: { Engine: redis, UserGroupId: app-users, UserIds: [default-disabled, app] } }
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties: { ReplicationGroupDescription: sessions, Engine: redis, TransitEncryptionEnabled: true, UserGroupIds: [!Ref AppUsers] }
`)('ENC-06');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Sessions: RBAC user groups');
  });

  it('fails without AuthToken and user groups', () => {
    const r = evaluateYaml(group(`      AtRestEncryptionEnabled: true`))(
      'ENC-06',
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'Sessions: no AuthToken and no RBAC user groups',
    );
  });

  it('fails with a literal AuthToken', () => {
    const r = evaluateYaml(
      group(`      AuthToken: correct-horse-battery-staple`),
    )('ENC-06');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Sessions: AuthToken is not a Secrets Manager dynamic reference',
    );
  });

  it('is unknown when AuthToken comes from a NoEcho parameter without a default', () => {
    const r = evaluateYaml(group(`      AuthToken: !Ref CacheAuthToken`))(
      'ENC-06',
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Sessions: AuthToken cannot be resolved');
    expect(r.message).toContain('parameter CacheAuthToken has no default');
  });
});

describe('ENC-07 log groups are encrypted with KMS', () => {
  const logGroup = (props: string) => `
Parameters:
  LogKeyArn: { Type: String }
Resources:${KEY}
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /ecs/api
      RetentionInDays: 90
${props}`;

  it('passes with a KmsKeyId of the template', () => {
    const r = evaluateYaml(logGroup(`      KmsKeyId: !GetAtt DataKey.Arn`))(
      'ENC-07',
    );
    expect(r.status).toBe('pass');
    expect(r.message).toBe('AppLogs: encrypted with KMS');
    expect(locations(r)).toEqual(['AppLogs:Properties.KmsKeyId']);
  });

  it('fails without KmsKeyId', () => {
    const r = evaluateYaml(logGroup(''))('ENC-07');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('AppLogs: log group has no KmsKeyId');
  });

  it('is unknown when KmsKeyId comes from a parameter without a default', () => {
    const r = evaluateYaml(logGroup(`      KmsKeyId: !Ref LogKeyArn`))(
      'ENC-07',
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'AppLogs: KmsKeyId cannot be resolved (parameter LogKeyArn has no default and no value was supplied)',
    );
  });
});

describe('ENC-01 read replicas inherit encryption from their source', () => {
  // A read replica (SourceDBInstanceIdentifier) inherits the encryption and the key of its
  // source: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
  // ("a read replica of an encrypted instance is encrypted with the same KMS key");
  // template after the read-replica example of
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html.
  const replica = (sourceProps: string, source = '!Ref MyDB') => `
Resources:${KEY}
  MyDB:
    Type: AWS::RDS::DBInstance
    Properties:
      AllocatedStorage: '5'
      DBInstanceClass: db.t3.small
      Engine: mysql
      MasterUsername: admin
      ManageMasterUserPassword: true
${sourceProps}
  MyReplica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: ${source}
      DBInstanceClass: db.t3.small
`;
  it('passes a replica of a source encrypted with a customer-managed key', () => {
    const r = evaluateYaml(
      replica(`      StorageEncrypted: true\n      KmsKeyId: !Ref DataKey`),
    )('ENC-01');
    expect(r.status).toBe('pass');
    expect(r.message.split('; ')).toContain(
      'MyReplica: read replica of MyDB, inherits its encryption — MyDB: encrypted with a customer-managed KMS key',
    );
  });

  it('fails a replica of an unencrypted source, naming the source', () => {
    const r = evaluateYaml(replica(''))('ENC-01');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'MyReplica: read replica of MyDB, inherits its encryption — MyDB: StorageEncrypted is not true',
    );
  });

  it('is unknown, naming the source, for a replica of an instance outside the template', () => {
    const r = evaluateYaml(
      replica(
        `      StorageEncrypted: true\n      KmsKeyId: !Ref DataKey`,
        'arn:aws:rds:eu-central-1:123456789012:db:legacy',
      ),
    )('ENC-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      "MyReplica: read replica of arn:aws:rds:eu-central-1:123456789012:db:legacy, which is not in this template; it inherits that instance's encryption and key",
    );
  });
});

describe('ENC-08 secrets are encrypted with a customer-managed key', () => {
  const secret = (props: string) => `
Parameters:
  SecretKeyArn: { Type: String }
Resources:${KEY}
  ApiSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: api/third-party
      GenerateSecretString: { PasswordLength: 32, ExcludePunctuation: true }
${props}`;

  it('passes with a KmsKeyId of the template', () => {
    const r = evaluateYaml(secret(`      KmsKeyId: !Ref DataKey`))('ENC-08');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('ApiSecret: encrypted with a customer-managed key');
    expect(locations(r)).toEqual(['ApiSecret:Properties.KmsKeyId']);
  });

  it('fails with the default aws/secretsmanager key (omitted or by alias)', () => {
    for (const props of ['', '      KmsKeyId: alias/aws/secretsmanager']) {
      const r = evaluateYaml(secret(props))('ENC-08');
      expect(r.status).toBe('fail');
      expect(r.message).toBe(
        'ApiSecret: uses the AWS-managed key aws/secretsmanager',
      );
    }
  });

  it('is unknown when KmsKeyId comes from a parameter without a default', () => {
    const r = evaluateYaml(secret(`      KmsKeyId: !Ref SecretKeyArn`))(
      'ENC-08',
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'ApiSecret: KmsKeyId cannot be resolved (parameter SecretKeyArn has no default and no value was supplied)',
    );
  });
});

describe('encryption controls, declared form', () => {
  const specs: DeclaredSpec[] = [
    {
      id: 'ENC-01',
      cls: 'database',
      pass: { 'storage-encrypted': 'true', 'encryption-key': 'cmk' },
      passMessage: 'storage-encrypted is true; encryption-key is cmk',
      fail: { 'encryption-key': 'provider-managed' },
      failMessage: 'encryption-key is provider-managed; required: cmk',
      missing: 'encryption-key',
      todo: 'storage-encrypted',
      notApplicableClass: 'cache',
    },
    {
      id: 'ENC-02',
      cls: 'kms-key',
      pass: { 'key-rotation': 'true', 'key-rotation-period': '90d' },
      passMessage: 'key-rotation is true; key-rotation-period is 90d',
      fail: { 'key-rotation-period': '2y' },
      failMessage: 'key-rotation-period is 2y; required: ≤ 365d',
      missing: 'key-rotation',
      todo: 'key-rotation-period',
    },
    {
      id: 'ENC-03',
      cls: 'object-storage',
      pass: { 'storage-encrypted': 'true', 'encryption-key': 'cmk' },
      passMessage: 'encryption-key is cmk',
      fail: { 'storage-encrypted': 'false' },
      failMessage: 'storage-encrypted is false; required: true',
      missing: 'storage-encrypted',
      todo: 'encryption-key',
    },
    {
      id: 'ENC-04',
      cls: 'object-storage',
      pass: { 'secure-transport-enforced': 'true' },
      passMessage: 'secure-transport-enforced is true',
      fail: { 'secure-transport-enforced': 'false' },
      failMessage: 'secure-transport-enforced is false; required: true',
      missing: 'secure-transport-enforced',
    },
    {
      id: 'ENC-05',
      cls: 'cache',
      pass: {
        'storage-encrypted': 'true',
        'transit-encryption': 'true',
        'encryption-key': 'cmk',
      },
      passMessage: 'transit-encryption is true',
      fail: { 'transit-encryption': 'false' },
      failMessage: 'transit-encryption is false; required: true',
      missing: 'transit-encryption',
      todo: 'encryption-key',
      notApplicableClass: 'database',
    },
    {
      id: 'ENC-06',
      cls: 'cache',
      pass: { 'cache-auth': 'secrets-manager' },
      passMessage: 'cache-auth is secrets-manager',
      fail: { 'cache-auth': 'none' },
      failMessage: 'cache-auth is none; required: secrets-manager, rbac or iam',
      missing: 'cache-auth',
    },
    {
      id: 'ENC-07',
      cls: 'log-storage',
      pass: { 'log-encryption': 'true' },
      passMessage: 'log-encryption is true',
      fail: { 'log-encryption': 'false' },
      failMessage: 'log-encryption is false; required: true',
      missing: 'log-encryption',
    },
    {
      id: 'ENC-08',
      cls: 'secret',
      pass: { 'encryption-key': 'cmk' },
      passMessage: 'encryption-key is cmk',
      fail: { 'encryption-key': 'provider-managed' },
      failMessage: 'encryption-key is provider-managed; required: cmk',
      missing: 'encryption-key',
    },
    {
      id: 'TLS-01',
      cls: 'load-balancer',
      pass: { 'tls-min-version': '1.2' },
      passMessage: 'tls-min-version is 1.2',
      fail: { 'tls-min-version': '1.0' },
      failMessage: 'tls-min-version is 1.0; required: ≥ 1.2',
      missing: 'tls-min-version',
      notApplicableClass: 'database',
    },
  ];
  describe.each(specs)('$id declared form ($cls)', spec => {
    it.each(declaredCases(spec))('%s', (_title, check) => {
      expect.hasAssertions();
      check();
    });
  });

  it('TLS-01 declared: TLS 1.3 also passes, 1.1 fails', () => {
    expect(
      evaluateDeclared('cdn', declared({ 'tls-min-version': '1.3' }))('TLS-01')
        .status,
    ).toBe('pass');
    expect(
      evaluateDeclared('cdn', declared({ 'tls-min-version': '1.1' }))('TLS-01')
        .status,
    ).toBe('fail');
  });

  it('TLS-02 has no declared form: not applicable to a declared load balancer', () => {
    expect(evaluateDeclared('load-balancer', {})('TLS-02').status).toBe(
      'not-applicable',
    );
  });
});

describe('encryption controls: what cannot be resolved is unknown, a certain failure stays a failure', () => {
  const params = `
Parameters:
  Environment: { Type: String }
  Flag: { Type: String }
  Value: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]`;

  it('ENC-01 fails StorageEncrypted from a parameter without a KmsKeyId: unencrypted or aws/rds either way', () => {
    const r = evaluateYaml(`${params}
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.r6g.large, StorageEncrypted: !Ref Flag }
`)('ENC-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Database: no customer-managed KmsKeyId — the database is unencrypted or encrypted with the AWS-managed key aws/rds (StorageEncrypted cannot be resolved)',
    );
    expect(locations(r)).toEqual(['Database:Properties.KmsKeyId']);
  });

  it('ENC-02 is unknown when KeySpec comes from a parameter and the key does not rotate (asymmetric keys need not)', () => {
    const key = (rotation: string) =>
      evaluateYaml(`${params}
Resources:
  Key: { Type: AWS::KMS::Key, Properties: { KeyPolicy: {}, KeySpec: !Ref Value${rotation} } }
`)('ENC-02');
    const r = key('');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Key: KeySpec (whether the key is symmetric and must rotate) cannot be resolved (parameter Value has no default',
    );
    expect(r.message).toContain('Key: EnableKeyRotation is not true');
    expect(key(', EnableKeyRotation: true').status).toBe('pass');
  });

  it('ENC-03 is unknown when ServerSideEncryptionByDefault is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(`${params}
Resources:${KEY}
  Documents:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: !If [IsProduction, { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !Ref DataKey }, { SSEAlgorithm: AES256 }]
`)('ENC-03');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Documents: ServerSideEncryptionByDefault cannot be resolved (depends on condition IsProduction',
    );
  });

  const bucketPolicy = (statement: string, policyAttributes = '') => `${params}
Resources:
  Documents: { Type: AWS::S3::Bucket }
  DocumentsPolicy:
    Type: AWS::S3::BucketPolicy${policyAttributes}
    Properties:
      Bucket: !Ref Documents
      PolicyDocument:
        Statement:
          - ${statement}
`;
  const deny = `{ Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }`;

  it('ENC-04 is unknown when the deny statement is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(
      bucketPolicy(`!If [IsProduction, ${deny}, !Ref AWS::NoValue]`),
    )('ENC-04');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Documents: whether DocumentsPolicy denies aws:SecureTransport=false cannot be resolved (depends on condition IsProduction',
    );
    expect(locations(r)).toEqual(['DocumentsPolicy:Properties.PolicyDocument']);
  });

  it('ENC-04 is unknown when the denying bucket policy exists only under an undecidable condition, and decided once supplied', () => {
    const yaml = bucketPolicy(deny, '\n    Condition: IsProduction');
    const r = evaluateYaml(yaml)('ENC-04');
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(
      /^DocumentsPolicy exists only if condition IsProduction holds, which cannot be decided: /,
    );
    expect(r.message).toContain(
      'Documents: bucket policy denies requests without TLS',
    );
    expect(
      evaluateYaml(
        yaml,
        {},
        { parameters: { Environment: 'production' } },
      )('ENC-04').status,
    ).toBe('pass');
    expect(
      evaluateYaml(
        yaml,
        {},
        { parameters: { Environment: 'staging' } },
      )('ENC-04').status,
    ).toBe('fail');
  });

  it('ENC-06 is unknown when UserGroupIds is an Fn::If and there is no AuthToken', () => {
    const r = evaluateYaml(`${params}
Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties: { ReplicationGroupDescription: sessions, Engine: redis, UserGroupIds: !If [IsProduction, [app-users], !Ref AWS::NoValue] }
`)('ENC-06');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Sessions: UserGroupIds cannot be resolved (depends on condition IsProduction',
    );
    expect(r.message).toContain(
      'without RBAC user groups: Sessions: no AuthToken and no RBAC user groups',
    );
    expect(locations(r)).toEqual(['Sessions:Properties.UserGroupIds']);
  });

  const listener = (props: string) => `${params}
Resources:
  HttpListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/app/api/50dc6c495c0c9188
      Port: 80
${props}`;

  it('TLS-02 is unknown when DefaultActions is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(
      listener(`      Protocol: HTTP
      DefaultActions: !If [IsProduction, [{ Type: redirect, RedirectConfig: { Protocol: HTTPS, StatusCode: HTTP_301 } }], [{ Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:eu-central-1:111122223333:targetgroup/api/73e2d6bc24d8a067 }]]`),
    )('TLS-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'HttpListener: DefaultActions cannot be resolved (depends on condition IsProduction',
    );
  });

  it('TLS-02 is unknown, not not-applicable, when Protocol cannot be resolved', () => {
    const r = evaluateYaml(
      listener(`      Protocol: !Ref Value
      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: '404' } }]`),
    )('TLS-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'HttpListener: Protocol cannot be resolved (parameter Value has no default',
    );
    expect(locations(r)).toEqual(['HttpListener:Properties.Protocol']);
  });
});
