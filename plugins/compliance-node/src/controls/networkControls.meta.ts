/*
 * The metadata of the controls of the network family (networkControls.ts,
 * bucketPublicAccessControls.ts and vpcLayoutControls.ts): what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';
import { ALB, BUCKET, COMPUTE } from './resourceTypeGroups';

/**
 * NET-01 to NET-08: network exposure, isolation and data residency.
 *
 * @internal
 */
export const networkMetadata: ControlMetadata[] = [
  {
    id: 'NET-01',
    category: 'network',
    severity: 'critical',
    title: 'No admin or data port is open to the internet',
    rationale:
      'SSH/RDP are blocked [000]; the database accepts only the application security group [001].',
    appliesTo: ['security-group', 'network', 'database', 'cache'],
    resourceTypes: [
      'AWS::EC2::SecurityGroup',
      'AWS::EC2::SecurityGroupIngress',
    ],
    facts: ['ingress-restricted'],
    params: { restrictedPorts: ['22', '3389', '5432', '3306', '6379'] },
    frameworks: {
      soc2: ['CC6.6'],
      'bsi-c5': ['KOS-02'],
      'bsi-tr-03161': ['O.Ntwk'],
      'pci-dss': ['1.3.1'],
      'cis-aws': ['5.2', '5.3'],
    },
    sources: ['000', '001'],
    equivalent: 'AwsSolutions-EC23; restricted-ssh',
  },
  {
    id: 'NET-02',
    category: 'network',
    severity: 'critical',
    title: 'Databases are not publicly accessible',
    rationale:
      'Databases live in isolated subnets with private IPs only [000][004].',
    appliesTo: ['database'],
    resourceTypes: ['AWS::RDS::DBInstance'],
    facts: ['publicly-accessible'],
    frameworks: {
      soc2: ['CC6.6'],
      gdpr: ['Art. 32(1)(b)'],
      'bsi-c5': ['KOS-01'],
      'pci-dss': ['1.4.4'],
      'cis-aws': ['2.3.3'],
    },
    sources: ['000', '004'],
    equivalent: 'rds-instance-public-access-check',
  },
  {
    id: 'NET-03',
    category: 'network',
    severity: 'high',
    title: 'Tasks run in private subnets without public IPs',
    rationale:
      'Compute sits in private subnets behind the load balancer [001][002][004].',
    appliesTo: [...COMPUTE],
    resourceTypes: ['AWS::ECS::TaskDefinition', 'AWS::ECS::Service'],
    facts: ['private-network'],
    frameworks: { soc2: ['CC6.6'], 'bsi-c5': ['KOS-01'], 'pci-dss': ['1.4.1'] },
    sources: ['001', '002', '004'],
    equivalent: 'CT.ECS.PR.4',
  },
  {
    id: 'NET-04',
    category: 'network',
    severity: 'high',
    title:
      'Internet-facing load balancers are protected by a WAF with rules and logging',
    rationale:
      'OWASP Top 10 rules in front of every public entry point [000][001]; an edge WAF such as Cloudflare counts when documented [002].',
    appliesTo: ['load-balancer', 'waf', 'cdn'],
    resourceTypes: ALB,
    facts: ['waf', 'waf-managed-rules'],
    frameworks: {
      soc2: ['CC6.6'],
      'bsi-c5': ['KOS-03'],
      'bsi-tr-03161': ['O.Ntwk (WAF)'],
      'pci-dss': ['6.4.2'],
    },
    sources: ['000', '001', '002'],
    equivalent: 'alb-waf-enabled',
  },
  {
    id: 'NET-05',
    category: 'network',
    severity: 'low',
    title: 'Load balancers drop invalid headers and mitigate desync',
    rationale: 'Request smuggling defence; cheap hardening.',
    appliesTo: ['load-balancer'],
    resourceTypes: ALB,
    facts: ['drop-invalid-headers'],
    frameworks: { soc2: ['CC6.6'], 'pci-dss': ['6.4.1'] },
    sources: [],
    equivalent: 'alb-http-drop-invalid-header-enabled',
  },
  {
    id: 'NET-06',
    category: 'network',
    severity: 'critical',
    title: 'Buckets block public access and disable ACLs',
    rationale:
      'Buckets are private [002]; the public access block makes a wrong policy harmless.',
    appliesTo: ['object-storage'],
    resourceTypes: BUCKET,
    facts: ['public-access-blocked'],
    frameworks: {
      soc2: ['CC6.6'],
      gdpr: ['Art. 32(1)(b)'],
      'pci-dss': ['1.4.4'],
      'cis-aws': ['2.1.4'],
    },
    sources: ['002'],
    equivalent: 'AwsSolutions-S2',
  },
  {
    id: 'NET-07',
    category: 'network',
    severity: 'medium',
    title:
      'Networks have public, private and isolated tiers, NAT per AZ and VPC endpoints',
    rationale:
      'Three subnet tiers [001][004], NAT per AZ and endpoints for S3/ECR/Secrets/KMS/Logs [002].',
    appliesTo: ['network'],
    resourceTypes: ['AWS::EC2::VPC'],
    facts: ['subnet-tiers', 'nat-per-az', 'vpc-endpoints'],
    params: {
      requiredEndpoints: [
        's3',
        'ecr.api',
        'ecr.dkr',
        'secretsmanager',
        'kms',
        'logs',
      ],
    },
    frameworks: { soc2: ['CC6.6'], 'bsi-c5': ['KOS-01'], 'pci-dss': ['1.2.1'] },
    sources: ['001', '002', '004'],
  },
  {
    id: 'NET-08',
    category: 'network',
    severity: 'critical',
    title: 'Data stays in a region its classification allows',
    rationale:
      'Health and personal data of EU users stays in the EU (GDPR, DiGA: [000] europe-west3, [004] Frankfurt).',
    frameworks: {
      gdpr: ['Art. 44'],
      diga: ['DiGAV §4(3)'],
      'bsi-c5': ['PSS-12'],
    },
    sources: ['000', '001', '004'],
  },
];
