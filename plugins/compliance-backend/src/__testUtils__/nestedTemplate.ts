/** A root CloudFormation template whose one resource is a nested stack, `./data.yaml`. */
export const ROOT_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Data:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./data.yaml
`;

/** The nested stack of {@link ROOT_TEMPLATE}: one database, encrypted or not. */
export const dataTemplate = (
  encrypted: boolean,
) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: ${encrypted}
`;
