// Loaded lazily by ../clients.ts (a separate bundle, dist/sdk/codedeploy.js): only what the service layer uses.
export {
  CodeDeployClient,
  BatchGetApplicationsCommand,
  BatchGetDeploymentGroupsCommand,
  BatchGetDeploymentTargetsCommand,
  BatchGetDeploymentsCommand,
  ContinueDeploymentCommand,
  CreateDeploymentCommand,
  ListDeploymentTargetsCommand,
  StopDeploymentCommand,
  paginateListApplications,
  paginateListDeploymentGroups,
  paginateListDeployments,
} from '@aws-sdk/client-codedeploy';
