import { BUNDLE_TYPES, validateGitHubRevision, validateS3Revision } from '../aws/validation';
import { connectionLabel, sameConnection, type Connection } from '../model/connection';
import type { RevisionInput } from '../views/backend';
import { ApplicationNode, DeploymentGroupNode, DeploymentNode } from '../views/deploymentsView';
import type { ExplorerNode } from '../views/explorerProvider';
import { isFiltered, NO_FILTER } from '../views/presentation';
import { ask, confirm, errorMessage, pickConnection, where, withProgress, type CommandContext } from './context';

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

// ---------------------------------------------------------------- reveal

export interface RevealDeploymentArgs {
  connection: Connection;
  deploymentId: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function asConnection(v: unknown): Connection | undefined {
  if (!isObj(v) || !str(v.profile) || !str(v.region)) return undefined;
  return { profile: v.profile as string, region: v.region as string, ...(str(v.endpoint) ? { endpoint: v.endpoint as string } : {}) };
}

/**
 * Reads Reveal Deployment's arguments: `({ connection, deploymentId })` (the pipeline panel's deploy link),
 * `({ connection, deployment: { id } })` or `(connection, deploymentId)`. Pure.
 */
export function parseRevealDeploymentArgs(args: readonly unknown[]): RevealDeploymentArgs | undefined {
  const [first, second] = args;
  const positional = asConnection(first);
  if (positional && str(second)) return { connection: positional, deploymentId: second as string };
  if (!isObj(first)) return undefined;
  const connection = asConnection(first.connection);
  const deploymentId = str(first.deploymentId) ?? (isObj(first.deployment) ? str(first.deployment.id) : undefined);
  return connection && deploymentId ? { connection, deploymentId } : undefined;
}

/**
 * Reveal Deployment: finds the deployment's application and group (BatchGetDeployments), loads the path
 * application > group > deployment in the Deployments view (more pages of deployments when needed; the view's filter
 * is cleared when it hides the deployment) and reveals it selected, focused and expanded. Resolves whether it did: the
 * pipeline panel opens the console instead when it did not.
 */
export async function revealDeployment(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  const parsed = parseRevealDeploymentArgs(args);
  if (!parsed) {
    void ctx.ui.showInformationMessage('Reveal a deployment from a deploy action of the pipeline panel.');
    return false;
  }
  const { deploymentId } = parsed;
  const c = ctx.connections.list().find((x) => sameConnection(x, parsed.connection));
  if (!c) {
    void ctx.ui.showInformationMessage(`Deployment ${deploymentId} is in ${connectionLabel(parsed.connection)}, which the views do not show: add that connection first.`);
    return false;
  }
  let app: string | undefined;
  let group: string | undefined;
  try {
    const [d] = await ctx.backend.getDeployments(c, [deploymentId]);
    app = d?.applicationName;
    group = d?.deploymentGroupName;
  } catch (e) {
    ctx.log(`reveal deployment ${deploymentId}: ${errorMessage(e)}`);
    void ctx.ui.showErrorMessage(`Could not find deployment ${deploymentId}: ${errorMessage(e)}`);
    return false;
  }
  if (!app || !group) {
    void ctx.ui.showInformationMessage(`Deployment ${deploymentId} was not found${where(ctx, c)}.`);
    return false;
  }
  const provider = ctx.views.deployments;
  const steps = [
    (n: ExplorerNode) => n instanceof ApplicationNode && n.application.name === app,
    (n: ExplorerNode) => n instanceof DeploymentGroupNode && n.group.name === group,
    (n: ExplorerNode) => n instanceof DeploymentNode && n.deployment.id === deploymentId,
  ];
  try {
    let node = await provider.find(c, steps);
    if (!node && isFiltered(provider.filter)) {
      provider.setFilter(NO_FILTER);
      node = await provider.find(c, steps);
      if (node) void ctx.ui.showInformationMessage(`The Deployments filter was cleared to show deployment ${deploymentId}.`);
    }
    const view = ctx.views.treeViews.get('deployments');
    if (!node || !view) {
      void ctx.ui.showInformationMessage(`Deployment ${deploymentId} of ${app} / ${group} is not in the Deployments view.`);
      return false;
    }
    await view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  } catch (e) {
    // a page that failed to load (Load more throws), or a tree that changed under the reveal
    ctx.log(`reveal deployment ${deploymentId}: ${errorMessage(e)}`);
    void ctx.ui.showErrorMessage(`Could not reveal deployment ${deploymentId}: ${errorMessage(e)}`);
    return false;
  }
}
