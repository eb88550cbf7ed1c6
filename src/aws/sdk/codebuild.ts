// Loaded lazily by ../clients.ts (a separate bundle, dist/sdk/codebuild.js): only what the service layer uses.
export {
  CodeBuildClient,
  BatchGetBuildsCommand,
  BatchGetProjectsCommand,
  BatchGetReportsCommand,
  RetryBuildCommand,
  StartBuildCommand,
  StopBuildCommand,
  paginateDescribeTestCases,
  paginateListBuildsForProject,
  paginateListProjects,
} from '@aws-sdk/client-codebuild';
