import { BUNDLE_TYPES, validateGitHubRevision, validateS3Revision } from '../aws/validation';
import type { RevisionInput } from '../views/backend';
import { DeploymentGroupNode, DeploymentNode } from '../views/deploymentsView';
import type { ExplorerNode } from '../views/explorerProvider';
import { ask, confirm, pickConnection, where, withProgress, type CommandContext } from './context';

export interface DeploymentDraft {
  application?: string;
  group?: string;
  source?: 'S3' | 'GitHub';
  location?: string;
  bundleType?: string;
  description?: string;
}

/** `s3://bucket/key` → bucket and key. */
export function parseS3Url(text: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(text.trim());
  return m ? { bucket: m[1], key: m[2] } : undefined;
}

/** `owner/repo@commit` → repository and commit id. */
export function parseGitHubRef(text: string): { repository: string; commitId: string } | undefined {
  const m = /^([^@\s]+)@([0-9a-fA-F]+)$/.exec(text.trim());
  return m ? { repository: m[1], commitId: m[2] } : undefined;
}

export async function createDeployment(ctx: CommandContext, node?: ExplorerNode, draft: DeploymentDraft = {}): Promise<void> {
  const c = await pickConnection(ctx, node, 'Create Deployment');
  if (!c) return;
  let application = node instanceof DeploymentGroupNode ? node.group.applicationName : draft.application;
  let group = node instanceof DeploymentGroupNode ? node.group.name : draft.group;
  if (!application) {
    const pick = await ctx.ui.showQuickPick(ctx.backend.listApplications(c).then((apps) => apps.map((a) => ({ label: a.name, description: a.computePlatform }))), {
      title: 'Create Deployment: application',
    });
    if (!pick) return;
    application = pick.label;
  }
  if (!group) {
    const app = application;
    const pick = await ctx.ui.showQuickPick(ctx.backend.listDeploymentGroups(c, app).then((gs) => gs.map((g) => ({ label: g.name, description: g.deploymentConfigName }))), {
      title: `Create Deployment: deployment group of ${app}`,
    });
    if (!pick) return;
    group = pick.label;
  }
  const source = await ctx.ui.showQuickPick(
    [
      { label: 'Amazon S3', description: 's3://bucket/key of a bundle', type: 'S3' as const },
      { label: 'GitHub', description: 'owner/repository@commit', type: 'GitHub' as const },
    ].sort((a) => (a.type === draft.source ? -1 : 0)),
    { title: `Deploy to ${application} / ${group}: revision from` },
  );
  if (!source) return;
  let revision: RevisionInput;
  if (source.type === 'S3') {
    const location = await ask(ctx, {
      title: `Deploy to ${group}: S3 revision`,
      prompt: 'Bundle location: s3://bucket/key',
      value: draft.source === 'S3' ? draft.location : '',
      placeHolder: 's3://my-bucket/app/build-42.zip',
      validate: (v) => {
        const p = parseS3Url(v);
        return p ? validateS3Revision({ ...p, bundleType: 'zip' }) : 'Write the location as s3://bucket/key.';
      },
    });
    if (location === undefined) return;
    const guess = /\.(tar\.gz|tgz)$/.test(location) ? 'tgz' : /\.tar$/.test(location) ? 'tar' : /\.ya?ml$/i.test(location) ? 'YAML' : /\.json$/i.test(location) ? 'JSON' : 'zip';
    const bundle = await ctx.ui.showQuickPick(
      BUNDLE_TYPES.map((t) => ({ label: t, picked: t === (draft.bundleType ?? guess) })).sort((a) => (a.picked ? -1 : 0)),
      { title: `Deploy to ${group}: bundle type` },
    );
    if (!bundle) return;
    const p = parseS3Url(location)!;
    revision = { type: 'S3', bucket: p.bucket, key: p.key, bundleType: bundle.label };
    draft = { ...draft, source: 'S3', location, bundleType: bundle.label };
  } else {
    const location = await ask(ctx, {
      title: `Deploy to ${group}: GitHub revision`,
      prompt: 'owner/repository@commit (the full 40-character commit id)',
      value: draft.source === 'GitHub' ? draft.location : '',
      validate: (v) => {
        const p = parseGitHubRef(v);
        return p ? validateGitHubRevision(p) : 'Write the revision as owner/repository@commit.';
      },
    });
    if (location === undefined) return;
    revision = { type: 'GitHub', ...parseGitHubRef(location)! };
    draft = { ...draft, source: 'GitHub', location };
  }
  const description = await ask(ctx, { title: `Deploy to ${group}`, prompt: 'Description (optional)', value: draft.description ?? '', validate: (v) => (v.length > 100 ? 'Description must be at most 100 characters long.' : undefined) });
  if (description === undefined) return;
  if (!(await confirm(ctx, `Deploy to ${application} / ${group}?`, `The revision is rolled out to every instance of the group${where(ctx, c)}.`, 'Deploy'))) return;
  const app = application;
  const grp = group;
  const typed = { ...draft, application: app, group: grp, description };
  const id = await withProgress(ctx, `Creating a deployment to ${grp}`, () => ctx.backend.createDeployment(c, app, grp, revision, description || undefined), () => createDeployment(ctx, node, typed));
  if (!id) return;
  ctx.views.deployments.touched(c, app, grp, id);
  void ctx.ui.showInformationMessage(`Deployment ${id} to ${grp} created.`);
}

export async function stopDeployment(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  if (!(node instanceof DeploymentNode)) return;
  const { connection: c, deployment: d } = node;
  const mode = await ctx.ui.showQuickPick(
    [
      { label: 'Stop and roll back', description: 'redeploy the last successful revision', rollback: true },
      { label: 'Stop without rollback', description: 'instances keep what they have now', rollback: false },
    ],
    { title: `Stop deployment ${d.id}` },
  );
  if (!mode) return;
  if (!(await confirm(ctx, `${mode.label}: deployment ${d.id} to ${d.deploymentGroupName ?? ''}?`, `${mode.description}${where(ctx, c)}.`, 'Stop Deployment'))) return;
  const ok = await withProgress(ctx, `Stopping deployment ${d.id}`, () => ctx.backend.stopDeployment(c, d.id, mode.rollback).then(() => true), () => stopDeployment(ctx, node));
  if (ok) ctx.views.deployments.touched(c, d.applicationName ?? '', d.deploymentGroupName ?? '', d.id);
}

export async function continueDeployment(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  if (!(node instanceof DeploymentNode)) return;
  const { connection: c, deployment: d } = node;
  if (!(await confirm(ctx, `Continue deployment ${d.id}?`, `Traffic is rerouted to the replacement environment of ${d.deploymentGroupName ?? ''}${where(ctx, c)}.`, 'Continue'))) return;
  const ok = await withProgress(ctx, `Continuing deployment ${d.id}`, () => ctx.backend.continueDeployment(c, d.id).then(() => true), () => continueDeployment(ctx, node));
  if (ok) ctx.views.deployments.touched(c, d.applicationName ?? '', d.deploymentGroupName ?? '', d.id);
}
