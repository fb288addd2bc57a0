import fs from 'fs';
import path from 'path';

/**
 * Writes `hostile.json` into `dir`: 150,000 resources, valid, about 11 MB (under a raised size
 * limit), and far more work than a time limit of a few seconds allows. Returns its path.
 */
export function hostileTemplate(dir: string): string {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < 150000; i++) {
    resources[`B${i}`] = {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: { 'Fn::Sub': `b${i}-\${AWS::Region}` } },
    };
  }
  const file = path.join(dir, 'hostile.json');
  fs.writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}
