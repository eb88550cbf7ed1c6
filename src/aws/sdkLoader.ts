/**
 * Lazy loading of the AWS SDK. `./sdk` (src/aws/sdk/index.ts) re-exports what the service layer uses from the
 * `@aws-sdk/*` packages. In the extension bundle, esbuild.js builds it as `dist/sdk.js` and keeps the `require` below
 * external, so activation loads no SDK code; the first client (or profile credentials) loads it. In unit tests (tsx)
 * it resolves to the .ts files. The `require` argument must stay the literal './sdk': the bundler plugin matches it.
 */
export type CodeBuildSdk = typeof import('./sdk/codebuild');
export type CodeCommitSdk = typeof import('./sdk/codecommit');
export type CodeDeploySdk = typeof import('./sdk/codedeploy');
export type CodePipelineSdk = typeof import('./sdk/codepipeline');
export type LogsSdk = typeof import('./sdk/logs');
export type CredentialsSdk = typeof import('./sdk/credentials');
export type ConfigSdk = typeof import('./sdk/config');

export interface SdkModules {
  codebuild: CodeBuildSdk;
  codecommit: CodeCommitSdk;
  codedeploy: CodeDeploySdk;
  codepipeline: CodePipelineSdk;
  logs: LogsSdk;
  credentials: CredentialsSdk;
  /** The shared config file loader (profiles.ts). */
  config: ConfigSdk;
}
export type SdkModuleName = keyof SdkModules;

let sdk: SdkModules | undefined;
const loaded = new Set<SdkModuleName>();

export function loadSdk<N extends SdkModuleName>(name: N): SdkModules[N] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('./sdk') as SdkModules;
  loaded.add(name);
  return sdk[name];
}

/** Which SDK modules this process has asked for so far (tests and the output channel read it). */
export function loadedSdkModules(): SdkModuleName[] {
  return [...loaded];
}
