// Loaded lazily by ../clients.ts (a separate bundle, dist/sdk/codepipeline.js): only what the service layer uses.
export {
  CodePipelineClient,
  DisableStageTransitionCommand,
  EnableStageTransitionCommand,
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  paginateListActionExecutions,
  paginateListPipelineExecutions,
  paginateListPipelines,
} from '@aws-sdk/client-codepipeline';
