import { ACCOUNT_ID } from '../../ids';

/** Console links as CodePipeline reports them (entityUrl, revisionUrl, externalExecutionUrl). */
const base = (region: string) => `https://${region}.console.aws.amazon.com`;
const e = encodeURIComponent;

export const urls = {
  repository: (region: string, repo: string, branch: string) => `${base(region)}/codesuite/codecommit/repositories/${e(repo)}/browse/refs/heads/${e(branch)}?region=${region}`,
  commit: (region: string, repo: string, commitId: string) => `${base(region)}/codesuite/codecommit/repositories/${e(repo)}/commit/${commitId}?region=${region}`,
  project: (region: string, project: string) => `${base(region)}/codesuite/codebuild/${ACCOUNT_ID}/projects/${e(project)}/history?region=${region}`,
  build: (region: string, buildId: string) => {
    const project = buildId.split(':')[0];
    return `${base(region)}/codesuite/codebuild/${ACCOUNT_ID}/projects/${e(project)}/build/${e(buildId)}/?region=${region}`;
  },
  deploymentGroup: (region: string, app: string, group: string) => `${base(region)}/codesuite/codedeploy/applications/${e(app)}/deployment-groups/${e(group)}?region=${region}`,
  deployment: (region: string, id: string) => `${base(region)}/codesuite/codedeploy/deployments/${e(id)}?region=${region}`,
};
