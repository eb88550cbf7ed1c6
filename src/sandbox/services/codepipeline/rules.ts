import type { StrRule } from '../../validate';

/** Constraints from the CodePipeline model (codepipeline-2015-07-09), shared by the operations. */
export const NAME = /^[A-Za-z0-9.@\-_]+$/;
export const pipelineName: StrRule = { required: true, min: 1, max: 100, pattern: NAME };
export const stageName: StrRule = { required: true, min: 1, max: 100, pattern: NAME };
export const actionName: StrRule = { required: true, min: 1, max: 100, pattern: NAME };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const executionId: StrRule = { required: true, pattern: UUID };
export const approvalToken: StrRule = { required: true, pattern: UUID };
export const nextToken: StrRule = { min: 1, max: 2048 };
export const clientRequestToken: StrRule = { min: 1, max: 128, pattern: /^[a-zA-Z0-9-]+$/ };
export const variableName: StrRule = { required: true, min: 1, max: 128, pattern: /^[A-Za-z0-9@\-_]+$/ };
export const variableValue: StrRule = { required: true, min: 1, max: 1000 };
export const disabledReason: StrRule = { required: true, min: 1, max: 300, pattern: /^[a-zA-Z0-9!@ ().*?-]+$/ };
export const artifactName: StrRule = { required: true, min: 1, max: 100, pattern: /^[a-zA-Z0-9_-]+$/ };
export const actionProvider: StrRule = { required: true, min: 1, max: 35, pattern: /^[0-9A-Za-z_-]+$/ };
export const actionVersion: StrRule = { required: true, min: 1, max: 9, pattern: /^[0-9A-Za-z_-]+$/ };
export const namespace: StrRule = { min: 1, max: 100, pattern: /^[A-Za-z0-9@\-_]+$/ };
export const roleArn: StrRule = { max: 1024, pattern: /^arn:aws(-[\w]+)*:iam::[0-9]{12}:role\/.*$/ };

export const CATEGORIES = ['Source', 'Build', 'Deploy', 'Test', 'Invoke', 'Approval', 'Compute'] as const;
export const OWNERS = ['AWS', 'ThirdParty', 'Custom'] as const;
export const EXECUTION_MODES = ['QUEUED', 'SUPERSEDED', 'PARALLEL'] as const;
export const PIPELINE_TYPES = ['V1', 'V2'] as const;

/** The AWS-owned action types the Sandbox knows (category -> providers), as in the console's action list. */
export const AWS_ACTION_TYPES: Record<string, readonly string[]> = {
  Source: ['CodeCommit', 'S3', 'ECR', 'CodeStarSourceConnection'],
  Build: ['CodeBuild', 'ECRBuildAndPublish', 'InspectorScan'],
  Test: ['CodeBuild', 'DeviceFarm'],
  Deploy: ['CodeDeploy', 'CodeDeployToECS', 'S3', 'CloudFormation', 'CloudFormationStackSet', 'ECS', 'ElasticBeanstalk', 'AppConfig', 'EKS', 'Lambda'],
  Approval: ['Manual'],
  Invoke: ['Lambda', 'StepFunctions', 'Snyk'],
  Compute: ['Commands'],
};

/** Configuration keys each provider requires. */
export const REQUIRED_CONFIGURATION: Record<string, readonly string[]> = {
  'Source/CodeCommit': ['RepositoryName', 'BranchName'],
  'Source/S3': ['S3Bucket', 'S3ObjectKey'],
  'Build/CodeBuild': ['ProjectName'],
  'Test/CodeBuild': ['ProjectName'],
  'Deploy/CodeDeploy': ['ApplicationName', 'DeploymentGroupName'],
};

/** The identity the Sandbox reports for the caller (any credentials are accepted). */
export const CALLER_ARN = 'arn:aws:iam::123456789012:user/sandbox';
