/*
 * Resilience and delivery controls (DR-01 … DR-09, CI-01, CI-02) through evaluateEntity
 * with the default policy. The buckets' DR-06/DR-07 and the services' DR-08/DR-09 are in
 * bucketResilienceControls.test.ts and serviceResilienceControls.test.ts.
 */
import {
  declared,
  DeclaredSpec,
  declaredCases,
  evaluateDeclared,
  evaluateYaml,
  locations,
} from './testHelpers';

const db = (props: string, attributes = 'DeletionPolicy: Snapshot') => `
Parameters:
  Environment: { Type: String, AllowedValues: [staging, production] }
  BackupRetentionDays: { Type: Number }
  DeletionProtection: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    ${attributes}
    Properties:
      Engine: postgres
      EngineVersion: '16.4'
      DBInstanceClass: db.r6g.large
      AllocatedStorage: '100'
      MasterUsername: app
      ManageMasterUserPassword: true
${props}`;

describe('DR-01 databases run Multi-AZ', () => {
  it('passes a Multi-AZ instance', () => {
    const r = evaluateYaml(db('      MultiAZ: true'))('DR-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Database: Multi-AZ');
    expect(locations(r)).toEqual(['Database:Properties.MultiAZ']);
  });

  it('passes an Aurora cluster with a writer and a reader', () => {
    const r = evaluateYaml(`
Resources:
  Cluster: { Type: AWS::RDS::DBCluster, Properties: { Engine: aurora-postgresql, MasterUsername: app, ManageMasterUserPassword: true } }
  Writer: { Type: AWS::RDS::DBInstance, Properties: { Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster, DBInstanceClass: db.r6g.large } }
  Reader: { Type: AWS::RDS::DBInstance, Properties: { Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster, DBInstanceClass: db.r6g.large } }
`)('DR-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Cluster: 2 instances (writer + reader in other AZs)',
    );
  });

  it('fails a single-AZ instance', () => {
    const r = evaluateYaml(db('      MultiAZ: false'))('DR-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Database: MultiAZ is not true — a single AZ outage stops the database',
    );
  });

  it('fails an Aurora cluster with a single instance', () => {
    const r = evaluateYaml(`
Resources:
  Cluster: { Type: AWS::RDS::DBCluster, Properties: { Engine: aurora-postgresql, MasterUsername: app, ManageMasterUserPassword: true } }
  Writer: { Type: AWS::RDS::DBInstance, Properties: { Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster, DBInstanceClass: db.r6g.large } }
`)('DR-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Cluster: 1 instance(s); a failover target needs ≥ 2',
    );
    expect(locations(r)).toEqual(['Cluster']);
  });

  it('is unknown when MultiAZ is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(
      db('      MultiAZ: !If [IsProduction, true, false]'),
    )('DR-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Database: MultiAZ cannot be resolved');
    expect(r.message).toContain('condition IsProduction');
  });
});

describe('DR-02 database backups are kept ≥ 35 days with a final snapshot', () => {
  it('passes 35 days of backups and DeletionPolicy Snapshot', () => {
    const r = evaluateYaml(db('      BackupRetentionPeriod: 35'))('DR-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Database: backups kept 35 days with point-in-time recovery; Database: DeletionPolicy Snapshot',
    );
    expect(locations(r)).toEqual([
      'Database:Properties.BackupRetentionPeriod',
      'Database:DeletionPolicy',
    ]);
  });

  it('accepts DeletionPolicy Retain', () => {
    expect(
      evaluateYaml(
        db('      BackupRetentionPeriod: 35', 'DeletionPolicy: Retain'),
      )('DR-02').status,
    ).toBe('pass');
  });

  it('fails 7 days of backups', () => {
    const r = evaluateYaml(db('      BackupRetentionPeriod: 7'))('DR-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Database: backups kept 7 day(s); the policy requires ≥ 35',
    );
    expect(locations(r)).toEqual(['Database:Properties.BackupRetentionPeriod']);
  });

  it('fails DeletionPolicy Delete', () => {
    const r = evaluateYaml(
      db('      BackupRetentionPeriod: 35', 'DeletionPolicy: Delete'),
    )('DR-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Database: DeletionPolicy Delete — deleting the stack loses the data; use Snapshot',
    );
    expect(locations(r)).toEqual(['Database:DeletionPolicy']);
  });

  it('is unknown when BackupRetentionPeriod comes from a parameter without a default', () => {
    const r = evaluateYaml(
      db('      BackupRetentionPeriod: !Ref BackupRetentionDays'),
    )('DR-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Database: BackupRetentionPeriod cannot be resolved',
    );
    expect(r.message).toContain('parameter BackupRetentionDays has no default');
  });
});

describe('DR-03 databases and load balancers have deletion protection', () => {
  it('passes a database with DeletionProtection', () => {
    const r = evaluateYaml(db('      DeletionProtection: true'))('DR-03');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Database: deletion protection on');
    expect(locations(r)).toEqual(['Database:Properties.DeletionProtection']);
  });

  it('passes a load balancer with deletion_protection.enabled', () => {
    const r = evaluateYaml(`
Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Subnets: [subnet-a, subnet-b], LoadBalancerAttributes: [{ Key: deletion_protection.enabled, Value: 'true' }] }
`)('DR-03');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('LoadBalancer: deletion protection on');
  });

  it('fails a database without DeletionProtection', () => {
    const r = evaluateYaml(db('      MultiAZ: true'))('DR-03');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Database: DeletionProtection is not true');
  });

  it('fails a load balancer without deletion protection', () => {
    const r = evaluateYaml(`
Resources:
  LoadBalancer: { Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: { Subnets: [subnet-a, subnet-b] } }
`)('DR-03');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'LoadBalancer: deletion_protection.enabled is not true',
    );
    expect(locations(r)).toEqual([
      'LoadBalancer:Properties.LoadBalancerAttributes',
    ]);
  });

  it('is unknown when DeletionProtection comes from a parameter without a default', () => {
    const r = evaluateYaml(
      db('      DeletionProtection: !Ref DeletionProtection'),
    )('DR-03');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Database: DeletionProtection cannot be resolved',
    );
  });
});

describe('DR-04 caches are Multi-AZ with automatic failover and snapshots', () => {
  const group = (props: string) => `
Parameters:
  AutomaticFailover: { Type: String }
Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: redis
      CacheNodeType: cache.r6g.large
${props}`;

  it('passes two nodes, Multi-AZ, automatic failover and 7 days of snapshots', () => {
    const r = evaluateYaml(
      group(
        `      NumCacheClusters: 2\n      MultiAZEnabled: true\n      AutomaticFailoverEnabled: true\n      SnapshotRetentionLimit: 7`,
      ),
    )('DR-04');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Sessions: Multi-AZ, automatic failover, 2 nodes, snapshots kept 7 days',
    );
  });

  it('fails a single node without Multi-AZ or snapshots, listing every problem', () => {
    const r = evaluateYaml(group(`      NumCacheClusters: 1`))('DR-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Sessions: MultiAZEnabled is not true, AutomaticFailoverEnabled is not true, 1 node(s), no snapshots (SnapshotRetentionLimit 0)',
    );
    expect(locations(r)).toEqual(['Sessions']);
  });

  it('fails a standalone CacheCluster', () => {
    const r = evaluateYaml(`
Resources:
  Sessions: { Type: AWS::ElastiCache::CacheCluster, Properties: { Engine: redis, CacheNodeType: cache.t4g.small, NumCacheNodes: 1 } }
`)('DR-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Sessions: a single cache node has no failover');
  });

  it('is unknown when AutomaticFailoverEnabled comes from a parameter without a default', () => {
    const r = evaluateYaml(
      group(
        `      NumCacheClusters: 2\n      MultiAZEnabled: true\n      AutomaticFailoverEnabled: !Ref AutomaticFailover\n      SnapshotRetentionLimit: 7`,
      ),
    )('DR-04');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Sessions: Multi-AZ settings cannot be resolved (parameter AutomaticFailover has no default and no value was supplied)',
    );
    expect(locations(r)).toEqual(['Sessions:Properties.MultiAZEnabled']);
  });
});

describe('DR-05 backup plans: interval ≤ RPO, retention ≥ 35 days, cross-region copy, locked CMK vault', () => {
  const plan = (rule: string) => `
Parameters:
  Schedule: { Type: String }
Resources:
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: databases
        BackupPlanRule:
          - RuleName: main
            TargetBackupVault: main
${rule}`;
  const copy = `            CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:dr', Lifecycle: { DeleteAfterDays: 35 } }]`;
  const critical = { 'refarch.dev/tier': 'critical' };

  it('passes an hourly plan kept 35 days and copied cross-region for a critical tier', () => {
    const r = evaluateYaml(
      plan(
        `            ScheduleExpression: cron(0 * * * ? *)\n            Lifecycle: { DeleteAfterDays: 35 }\n${copy}`,
      ),
      critical,
    )('DR-05');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Plan: every 1 h, 35 days, copied cross-region');
    expect(locations(r)).toEqual(['Plan:Properties.BackupPlan.BackupPlanRule']);
  });

  it('passes a daily plan for the standard tier (RPO 24 h)', () => {
    const r = evaluateYaml(
      plan(
        `            ScheduleExpression: cron(0 5 ? * * *)\n            Lifecycle: { DeleteAfterDays: 35 }\n${copy}`,
      ),
    )('DR-05');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Plan: every 24 h, 35 days, copied cross-region');
  });

  it('fails a daily plan for the critical tier (RPO 1 h)', () => {
    const r = evaluateYaml(
      plan(
        `            ScheduleExpression: cron(0 5 ? * * *)\n            Lifecycle: { DeleteAfterDays: 35 }\n${copy}`,
      ),
      critical,
    )('DR-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      "Plan: runs every 24 h, longer than the tier's RPO of 1 h",
    );
  });

  it('fails short retention without a cross-region copy', () => {
    const r = evaluateYaml(
      plan(
        `            ScheduleExpression: rate(12 hours)\n            Lifecycle: { DeleteAfterDays: 7 }`,
      ),
    )('DR-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Plan: keeps recovery points 7 days (< 35); no cross-region copy',
    );
  });

  it('fails a vault without a customer-managed key and without a lock, and passes a locked CMK vault', () => {
    const r = evaluateYaml(`
Resources:
  VaultKey: { Type: AWS::KMS::Key, Properties: { EnableKeyRotation: true, KeyPolicy: {} } }
  Plain: { Type: AWS::Backup::BackupVault, Properties: { BackupVaultName: plain } }
  Locked: { Type: AWS::Backup::BackupVault, Properties: { BackupVaultName: locked, EncryptionKeyArn: !GetAtt VaultKey.Arn, LockConfiguration: { MinRetentionDays: 35, ChangeableForDays: 3 } } }
`)('DR-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Plain: not encrypted with a customer-managed key, no vault lock',
    );
    expect(locations(r)).toEqual(['Plain']);
  });

  it('passes a locked vault encrypted with a key of the template', () => {
    const r = evaluateYaml(`
Resources:
  VaultKey: { Type: AWS::KMS::Key, Properties: { EnableKeyRotation: true, KeyPolicy: {} } }
  Locked: { Type: AWS::Backup::BackupVault, Properties: { BackupVaultName: locked, EncryptionKeyArn: !GetAtt VaultKey.Arn, LockConfiguration: { MinRetentionDays: 35 } } }
`)('DR-05');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Locked: CMK-encrypted, locked');
  });

  it('is unknown when the schedule comes from a parameter without a default', () => {
    const r = evaluateYaml(
      plan(
        `            ScheduleExpression: !Ref Schedule\n            Lifecycle: { DeleteAfterDays: 35 }\n${copy}`,
      ),
      critical,
    )('DR-05');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe('Plan: schedule expression cannot be read');
  });
});

describe('resilience and delivery controls, declared form', () => {
  const specs: DeclaredSpec[] = [
    {
      id: 'DR-01',
      cls: 'database',
      pass: { 'multi-az': 'true' },
      passMessage: 'multi-az is true',
      fail: { 'multi-az': 'false' },
      failMessage: 'multi-az is false; required: true',
      missing: 'multi-az',
      notApplicableClass: 'cache',
    },
    {
      id: 'DR-02',
      cls: 'database',
      pass: { 'backup-retention': '35d', pitr: 'true' },
      passMessage: 'backup-retention is 35d; pitr is true',
      fail: { 'backup-retention': '7d' },
      failMessage: 'backup-retention is 7d; required: ≥ 35d',
      missing: 'backup-retention',
      todo: 'pitr',
      notApplicableClass: 'backup-plan',
    },
    {
      id: 'DR-03',
      cls: 'load-balancer',
      pass: { 'deletion-protection': 'true' },
      passMessage: 'deletion-protection is true',
      fail: { 'deletion-protection': 'false' },
      failMessage: 'deletion-protection is false; required: true',
      missing: 'deletion-protection',
      notApplicableClass: 'object-storage',
    },
    {
      id: 'DR-04',
      cls: 'cache',
      pass: { 'multi-az': 'true', 'automatic-failover': 'true' },
      passMessage: 'multi-az is true; automatic-failover is true',
      fail: { 'automatic-failover': 'false' },
      failMessage: 'automatic-failover is false; required: true',
      missing: 'multi-az',
      todo: 'automatic-failover',
      notApplicableClass: 'database',
    },
    {
      id: 'DR-05',
      cls: 'backup-plan',
      pass: {
        'backup-interval': '1d',
        'backup-retention': '35d',
        'cross-region-backup': 'true',
      },
      passMessage:
        'backup-interval is 1d; backup-retention is 35d; cross-region-backup is true',
      fail: { 'backup-interval': '2d' },
      failMessage: "backup-interval is 2d; required: ≤ the tier's RPO (24 h)",
      missing: 'cross-region-backup',
      todo: 'backup-retention',
      notApplicableClass: 'database',
    },
    {
      id: 'DR-06',
      cls: 'object-storage',
      pass: { versioning: 'true', 'cross-region-replication': 'true' },
      passMessage: 'versioning is true; cross-region-replication is true',
      fail: { 'cross-region-replication': 'false' },
      failMessage: 'cross-region-replication is false; required: true',
      missing: 'versioning',
      todo: 'cross-region-replication',
    },
    {
      id: 'DR-07',
      cls: 'object-storage',
      name: 'audit-archive',
      pass: { 'object-lock': 'true', 'object-lock-retention': '7y' },
      passMessage: 'object-lock is true; object-lock-retention is 7y',
      fail: { 'object-lock-retention': '1y' },
      failMessage: 'object-lock-retention is 1y; required: ≥ 2555d',
      missing: 'object-lock',
      todo: 'object-lock-retention',
    },
    {
      id: 'DR-08',
      cls: 'service',
      pass: { 'min-tasks': '2', 'az-count': '3' },
      passMessage: 'min-tasks is 2; az-count is 3',
      fail: { 'min-tasks': '1' },
      failMessage: 'min-tasks is 1; required: ≥ 2',
      missing: 'az-count',
      todo: 'min-tasks',
      notApplicableClass: 'function',
    },
    {
      id: 'DR-09',
      cls: 'worker',
      pass: { 'deployment-rollback': 'true' },
      passMessage: 'deployment-rollback is true',
      fail: { 'deployment-rollback': 'false' },
      failMessage: 'deployment-rollback is false; required: true',
      missing: 'deployment-rollback',
      notApplicableClass: 'pipeline',
    },
    {
      id: 'CI-01',
      cls: 'pipeline',
      pass: {
        'ci-sast': 'true',
        'ci-container-scan-blocking': 'true',
        'ci-staging-tests': 'true',
        'ci-production-approval': 'true',
      },
      passMessage:
        'ci-sast is true; ci-container-scan-blocking is true; ci-staging-tests is true; ci-production-approval is true',
      fail: { 'ci-production-approval': 'false' },
      failMessage: 'ci-production-approval is false; required: true',
      missing: 'ci-staging-tests',
      todo: 'ci-sast',
      notApplicableClass: 'service',
    },
    {
      id: 'CI-02',
      cls: 'pipeline',
      pass: { 'iac-managed': 'true', 'iac-peer-review': 'true' },
      passMessage: 'iac-managed is true; iac-peer-review is true',
      fail: { 'iac-peer-review': 'false' },
      failMessage: 'iac-peer-review is false; required: true',
      missing: 'iac-managed',
      todo: 'iac-peer-review',
      notApplicableClass: 'service',
    },
    {
      id: 'CI-02',
      cls: 'iac-state',
      pass: { 'iac-state-encrypted': 'true', 'iac-state-locked': 'true' },
      passMessage: 'iac-state-encrypted is true; iac-state-locked is true',
      fail: { 'iac-state-locked': 'false' },
      failMessage: 'iac-state-locked is false; required: true',
      missing: 'iac-state-encrypted',
      todo: 'iac-state-locked',
      notApplicableClass: 'object-storage',
    },
  ];
  describe.each(specs)('$id declared form ($cls)', spec => {
    it.each(declaredCases(spec))('%s', (_title, check) => {
      expect.hasAssertions();
      check();
    });
  });

  it('DR-05 declared: a daily backup does not meet the critical tier RPO of 1 h', () => {
    const r = evaluateDeclared('backup-plan', {
      'refarch.dev/tier': 'critical',
      ...declared({
        'backup-interval': '1d',
        'backup-retention': '35d',
        'cross-region-backup': 'true',
      }),
    })('DR-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      "backup-interval is 1d; required: ≤ the tier's RPO (1 h)",
    );
  });

  it('DR-07 declared: buckets not named for evidence, audit or backup need no Object Lock', () => {
    const r = evaluateDeclared(
      'object-storage',
      {},
      { name: 'web-assets' },
    )('DR-07');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Not an audit, evidence or backup bucket; Object Lock not required',
    );
  });

  it('CI-02 declared: an environment needs all four facts', () => {
    const r = evaluateDeclared(
      'environment',
      declared({ 'iac-managed': 'true', 'iac-peer-review': 'true' }),
    )('CI-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'refarch.dev/declared.iac-state-encrypted, refarch.dev/declared.iac-state-locked',
    );
  });
});

describe('resilience controls: what cannot be resolved is unknown, a certain failure stays a failure', () => {
  const params = `
Parameters:
  Environment: { Type: String }
  Value: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]`;

  it('DR-01 passes a Multi-AZ DB cluster (DBClusterInstanceClass, no DBInstance members)', () => {
    const r = evaluateYaml(`
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: postgres, DBClusterInstanceClass: db.r6gd.large, StorageType: io1, Iops: 1000, AllocatedStorage: 100, MasterUsername: app, ManageMasterUserPassword: true }
`)('DR-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Cluster: Multi-AZ DB cluster (one writer and two readable standbys in three AZs)',
    );
    expect(locations(r)).toEqual(['Cluster:Properties.DBClusterInstanceClass']);
  });

  it('DR-02 passes a standalone instance and a cluster without DeletionPolicy: Snapshot is the default for RDS', () => {
    for (const [type, props] of [
      ['AWS::RDS::DBInstance', 'DBInstanceClass: db.r6g.large'],
      ['AWS::RDS::DBCluster', 'DBClusterInstanceClass: db.r6gd.large'],
    ]) {
      const r = evaluateYaml(`
Resources:
  Database: { Type: '${type}', Properties: { Engine: postgres, ${props}, BackupRetentionPeriod: 35 } }
`)('DR-02');
      expect(r.status).toBe('pass');
      expect(r.message).toContain(
        'Database: DeletionPolicy Snapshot (the default for RDS)',
      );
      expect(locations(r)).toContain('Database:DeletionPolicy');
    }
  });

  it('DR-02 is unknown when DeletionPolicy is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(`${params}
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: !If [IsProduction, Snapshot, Delete]
    Properties: { Engine: postgres, DBInstanceClass: db.r6g.large, BackupRetentionPeriod: 35 }
`)('DR-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Database: the DeletionPolicy of Database cannot be resolved',
    );
  });

  it('DR-03 is unknown when deletion_protection.enabled comes from a parameter', () => {
    const r = evaluateYaml(`${params}
Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Subnets: [subnet-a, subnet-b], LoadBalancerAttributes: [{ Key: deletion_protection.enabled, Value: !Ref Value }] }
`)('DR-03');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'LoadBalancer: deletion_protection.enabled cannot be resolved (parameter Value has no default and no value was supplied)',
    );
  });

  const group = (props: string) => `${params}
Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: redis
${props}`;

  it('DR-04 is unknown when SnapshotRetentionLimit comes from a parameter', () => {
    const r = evaluateYaml(
      group(
        `      NumCacheClusters: 2\n      MultiAZEnabled: true\n      AutomaticFailoverEnabled: true\n      SnapshotRetentionLimit: !Ref Value`,
      ),
    )('DR-04');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Sessions: SnapshotRetentionLimit cannot be resolved (parameter Value has no default and no value was supplied)',
    );
    expect(locations(r)).toEqual([
      'Sessions:Properties.SnapshotRetentionLimit',
    ]);
  });

  it('DR-04 fails a single node without Multi-AZ even though AutomaticFailoverEnabled cannot be resolved', () => {
    const r = evaluateYaml(
      group(
        `      NumCacheClusters: 1\n      MultiAZEnabled: false\n      AutomaticFailoverEnabled: !Ref Value\n      SnapshotRetentionLimit: 7`,
      ),
    )('DR-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Sessions: MultiAZEnabled is not true, 1 node(s); AutomaticFailoverEnabled cannot be resolved',
    );
    expect(locations(r)).toEqual(['Sessions']);
  });

  const plan = (schedule: string) =>
    evaluateYaml(
      `
Resources:
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: databases
        BackupPlanRule:
          - RuleName: main
            TargetBackupVault: main
            ScheduleExpression: ${schedule}
            Lifecycle: { DeleteAfterDays: 35 }
            CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:dr' }]
`,
      { 'refarch.dev/tier': 'critical' },
    )('DR-05');

  it('DR-05 reads step values (a/b) in the minute and hour fields of a cron expression', () => {
    expect(plan('cron(0 0/1 * * ? *)').message).toBe(
      'Plan: every 1 h, 35 days, copied cross-region',
    );
    expect(plan('cron(0 0/1 * * ? *)').status).toBe('pass');
    expect(plan('cron(0/15 * * * ? *)').message).toBe(
      'Plan: every 0.25 h, 35 days, copied cross-region',
    );
    expect(plan('cron(0 */2 * * ? *)').message).toBe(
      "Plan: runs every 2 h, longer than the tier's RPO of 1 h",
    );
    expect(plan('cron(0 0/6 * * ? *)').message).toBe(
      "Plan: runs every 6 h, longer than the tier's RPO of 1 h",
    );
  });

  it('DR-05 is unknown when the EncryptionKeyArn of a locked vault comes from a parameter', () => {
    const r = evaluateYaml(`${params}
Resources:
  Vault: { Type: AWS::Backup::BackupVault, Properties: { BackupVaultName: main, EncryptionKeyArn: !Ref Value, LockConfiguration: { MinRetentionDays: 35 } } }
`)('DR-05');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Vault: EncryptionKeyArn cannot be resolved (parameter Value has no default and no value was supplied)',
    );
  });

  it('DR-06 is unknown when the versioning Status comes from a parameter', () => {
    const r = evaluateYaml(`${params}
Resources:
  Documents:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: { Status: !Ref Value }
      ReplicationConfiguration: { Role: arn:aws:iam::111122223333:role/replication, Rules: [{ Status: Enabled, Destination: { Bucket: 'arn:aws:s3:::replica' } }] }
`)('DR-06');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Documents: VersioningConfiguration.Status cannot be resolved (parameter Value has no default',
    );
  });

  it('DR-07 is unknown when ObjectLockEnabled comes from a parameter', () => {
    const r = evaluateYaml(`${params}
Resources:
  EvidenceBucket: { Type: AWS::S3::Bucket, Properties: { ObjectLockEnabled: !Ref Value } }
`)('DR-07');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'EvidenceBucket: ObjectLockEnabled cannot be resolved (parameter Value has no default and no value was supplied)',
    );
  });

  it('DR-07 does not read the reason of an unresolved BucketName as a name', () => {
    // The reason ("parameter AuditBucketName has no default…") contains "audit"; whether the
    // bucket holds audit data is not known, so only a lock decides.
    const bucket = (props: string) =>
      evaluateYaml(`
Parameters:
  AuditBucketName: { Type: String }
Resources:
  Store: { Type: AWS::S3::Bucket, Properties: { BucketName: !Ref AuditBucketName${props} } }
`)('DR-07');
    const r = bucket('');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Store: BucketName (whether it holds audit, evidence or backup data) cannot be resolved',
    );
    expect(
      bucket(
        ', ObjectLockEnabled: true, ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: COMPLIANCE, Years: 7 } } }',
      ).status,
    ).toBe('pass');
  });

  it('DR-08 fails a service in a single subnet even though DesiredCount cannot be resolved', () => {
    const r = evaluateYaml(
      `${params}
Resources:
  Service:
    Type: AWS::ECS::Service
    Properties: { DesiredCount: !Ref Value, NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [subnet-1] } } }
`,
      {},
      { type: 'service' },
    )('DR-08');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Service: 1 subnet(s) (< 2 AZs); DesiredCount cannot be resolved',
    );
  });

  it('DR-09 is unknown when the circuit breaker Rollback comes from a parameter', () => {
    const r = evaluateYaml(`${params}
Resources:
  Service:
    Type: AWS::ECS::Service
    Properties: { DesiredCount: 2, DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: !Ref Value } } }
`)('DR-09');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Service: whether failed deployments roll back cannot be resolved (parameter Value has no default and no value was supplied)',
    );
  });
});

describe('resources whose Condition cannot be decided', () => {
  const template = (props: string, second = '') => `
Parameters:
  Environment: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Condition: IsProduction
    Properties: { Engine: postgres, DBInstanceClass: db.r6g.large, ${props} }
${second}`;

  it('turns a failure of such a resource into unknown, naming the condition', () => {
    const r = evaluateYaml(template('MultiAZ: false'))('DR-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Database exists only if condition IsProduction holds, which cannot be decided: parameter Environment has no default and no value was supplied; if it exists: Database: MultiAZ is not true — a single AZ outage stops the database',
    );
    expect(locations(r)).toEqual(['Database:Properties.MultiAZ']);
  });

  it('turns a pass of such a resource into unknown too', () => {
    const r = evaluateYaml(template('MultiAZ: true'))('DR-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(
      /^Database exists only if condition IsProduction holds, which cannot be decided: .*; if it exists: Database: Multi-AZ$/,
    );
  });

  it('decides once the condition can be', () => {
    expect(
      evaluateYaml(
        template('MultiAZ: false'),
        {},
        { parameters: { Environment: 'production' } },
      )('DR-01').status,
    ).toBe('fail');
    expect(
      evaluateYaml(
        template('MultiAZ: false'),
        {},
        { parameters: { Environment: 'staging' } },
      )('DR-01').status,
    ).toBe('not-applicable');
  });

  it('keeps the failure of a resource that certainly exists (fail outranks unknown)', () => {
    const r = evaluateYaml(
      template(
        'MultiAZ: true',
        `
  Reporting: { Type: AWS::RDS::DBInstance, Properties: { Engine: postgres, DBInstanceClass: db.r6g.large, MultiAZ: false } }`,
      ),
    )('DR-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Reporting: MultiAZ is not true — a single AZ outage stops the database',
    );
  });
});
