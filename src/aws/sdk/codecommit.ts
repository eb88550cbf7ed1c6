// Loaded lazily by ../clients.ts (a separate bundle, dist/sdk/codecommit.js): only what the service layer uses.
export {
  CodeCommitClient,
  BatchGetRepositoriesCommand,
  GetBranchCommand,
  GetCommitCommand,
  GetPullRequestCommand,
  GetRepositoryCommand,
  paginateGetDifferences,
  paginateListBranches,
  paginateListPullRequests,
  paginateListRepositories,
} from '@aws-sdk/client-codecommit';
