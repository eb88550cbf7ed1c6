// The service layer's public surface (no `vscode`, no SDK code at load time: the SDK loads with the first client).
export { AwsSession } from './session';
export { SessionRegistry } from './sessionRegistry';
export { ConnectionClients, RequestCounter, type ClientOptions, type ServiceId } from './clients';
export { AwsError, toAwsError, type AwsErrorKind } from './errors';
export { listProfiles, getProfile, connectionForProfile, type ProfileInfo, type ProfileKind, type ProfileListing } from './profiles';
export { credentialProviderFor, type CredentialOptions } from './credentials';
export { TaskQueue, chunk, BATCH_LIMITS } from './queue';
export { loadedSdkModules } from './sdkLoader';
export type { StartBuildInput } from './codebuild';
export type { CreateDeploymentInput, RevisionInput } from './codedeploy';
export type { StageRetryMode, TransitionType } from './codepipeline';
export type { FollowOptions, LogCursor, ReadResult } from './logs';
export * as validation from './validation';
