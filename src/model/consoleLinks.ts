/**
 * AWS console links for every resource kind (routes observed in public code, not an API contract: see
 * reference console_urls.md). Where a service gives its own URL (CodeBuild `logs.deepLink`, CodePipeline
 * `entityUrl`, `revisionUrl`, `externalExecutionUrl`), callers pass it as `preferred` and it wins when it is https.
 */
const enc = encodeURIComponent;

export function consoleBase(region: string): string {
  if (region.startsWith('cn-')) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return `https://${region}.console.amazonaws-us-gov.com`;
  return `https://${region}.console.aws.amazon.com`;
}

/** The service-given URL when it is a usable https link, else the built one. */
export function preferUrl(preferred: string | undefined, built: string): string {
  return preferred && /^https:\/\//i.test(preferred) ? preferred : built;
}

const q = (region: string) => `?region=${enc(region)}`;

export const consoleLinks = {
  pipeline: (region: string, name: string) => `${consoleBase(region)}/codesuite/codepipeline/pipelines/${enc(name)}/view${q(region)}`,
  pipelineHistory: (region: string, name: string) => `${consoleBase(region)}/codesuite/codepipeline/pipelines/${enc(name)}/executions${q(region)}`,
  pipelineExecution: (region: string, name: string, executionId: string) =>
    `${consoleBase(region)}/codesuite/codepipeline/pipelines/${enc(name)}/executions/${enc(executionId)}/timeline${q(region)}`,
  buildProject: (region: string, project: string, accountId?: string) =>
    `${consoleBase(region)}/codesuite/codebuild/${accountId ? `${enc(accountId)}/` : ''}projects/${enc(project)}/history${q(region)}`,
  /** `buildId` is `<project>:<uuid>`; the console route wants it encoded as one segment. */
  build: (region: string, buildId: string, accountId?: string) => {
    const project = buildId.split(':')[0];
    return `${consoleBase(region)}/codesuite/codebuild/${accountId ? `${enc(accountId)}/` : ''}projects/${enc(project)}/build/${enc(buildId)}/${q(region)}`;
  },
  /** The same format CodeBuild uses for `logs.deepLink`. */
  buildLog: (region: string, groupName: string, streamName: string) =>
    `https://console.aws.amazon.com/cloudwatch/home?region=${enc(region)}#logEvent:group=${enc(groupName)};stream=${enc(streamName)}`,
  deployApplication: (region: string, app: string) => `${consoleBase(region)}/codesuite/codedeploy/applications/${enc(app)}${q(region)}`,
  deploymentGroup: (region: string, app: string, group: string) =>
    `${consoleBase(region)}/codesuite/codedeploy/applications/${enc(app)}/deployment-groups/${enc(group)}${q(region)}`,
  deployment: (region: string, deploymentId: string) => `${consoleBase(region)}/codesuite/codedeploy/deployments/${enc(deploymentId)}${q(region)}`,
  repository: (region: string, repo: string) => `${consoleBase(region)}/codesuite/codecommit/repositories/${enc(repo)}/browse${q(region)}`,
  repositoryPath: (region: string, repo: string, ref: string, path: string) =>
    `${consoleBase(region)}/codesuite/codecommit/repositories/${enc(repo)}/browse/${enc(ref)}/--/${path.split('/').map(enc).join('/')}${q(region)}`,
  commit: (region: string, repo: string, commitId: string) => `${consoleBase(region)}/codesuite/codecommit/repositories/${enc(repo)}/commit/${enc(commitId)}${q(region)}`,
  pullRequest: (region: string, repo: string, id: string) =>
    `${consoleBase(region)}/codesuite/codecommit/repositories/${enc(repo)}/pull-requests/${enc(id)}/details${q(region)}`,
} as const;

export type ConsoleLinkKind = keyof typeof consoleLinks;
