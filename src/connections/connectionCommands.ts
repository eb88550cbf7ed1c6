import * as vscode from 'vscode';
import { listProfiles } from '../aws/profiles';
import { errorMessage, pickConnection, withProgress, type CommandContext } from '../commands/context';
import { connectionLabel, isSandbox, SANDBOX_PROFILE, type Connection } from '../model/connection';
import { ConnectionNode, type ExplorerNode } from '../views/explorerProvider';
import { externalSandbox, portOf, type SandboxLauncher, type SandboxLaunchOptions } from './sandboxLauncher';

/** Regions offered after the profile's own (CodePipeline, CodeBuild, CodeDeploy and CodeCommit are in all of them). */
export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
  'me-south-1',
  'af-south-1',
];

async function pickRegion(ctx: CommandContext, title: string, preferred?: string): Promise<string | undefined> {
  const regions = preferred && !REGIONS.includes(preferred) ? [preferred, ...REGIONS] : REGIONS;
  const pick = await ctx.ui.showQuickPick(
    regions.map((r) => ({ label: r, description: r === preferred ? 'profile default' : undefined })).sort((a) => (a.label === preferred ? -1 : 0)),
    { title, placeHolder: 'Region' },
  );
  return pick?.label;
}

/** Add from profile: a quick pick of the shared config's profiles (by how they sign in), then a region. */
export async function addConnection(ctx: CommandContext): Promise<void> {
  let listing;
  try {
    listing = await listProfiles();
  } catch (e) {
    void ctx.ui.showErrorMessage(`The AWS profiles could not be read: ${errorMessage(e)}`);
    return;
  }
  for (const p of listing.problems) ctx.log(p);
  if (listing.profiles.length === 0) {
    void ctx.ui
      .showInformationMessage(`No AWS profile found in ${listing.configFile} or ${listing.credentialsFile}. Configure one with 'aws configure' (or 'aws configure sso'), or try the Sandbox account.`, 'Open Sandbox Account')
      .then((a) => {
        if (a === 'Open Sandbox Account') void vscode.commands.executeCommand('awsDevTools.sandbox.open');
      });
    return;
  }
  const kinds: Record<string, string> = { static: 'access keys', assumeRole: 'assume role', sso: 'SSO', process: 'credential process', webIdentity: 'web identity', environment: 'environment variables' };
  const profile = await ctx.ui.showQuickPick(
    listing.profiles.map((p) => ({ label: p.name, description: [kinds[p.kind] ?? p.kind, p.region, p.isDefault ? 'default' : ''].filter(Boolean).join(' · '), p })),
    { title: 'Add Connection: AWS profile', placeHolder: 'Profile' },
  );
  if (!profile) return;
  const region = await pickRegion(ctx, `Add Connection: region for ${profile.label}`, profile.p.region);
  if (!region) return;
  const c: Connection = profile.p.endpoint ? { profile: profile.label, region, endpoint: profile.p.endpoint } : { profile: profile.label, region };
  if (!(await ctx.connections.add(c))) void ctx.ui.showInformationMessage(`${connectionLabel(c)} is already shown.`);
}

export async function removeConnection(ctx: CommandContext, node: ExplorerNode | undefined, launcher: SandboxLauncher): Promise<void> {
  const c = node instanceof ConnectionNode ? node.connection : await pickConnection(ctx, undefined, 'Remove Connection');
  if (!c) return;
  await ctx.connections.remove(c);
  ctx.backend.forget(c);
  if (isSandbox(c)) await launcher.stop();
}

export async function switchRegion(ctx: CommandContext, node: ExplorerNode | undefined): Promise<void> {
  const c = node instanceof ConnectionNode ? node.connection : await pickConnection(ctx, undefined, 'Switch Region');
  if (!c) return;
  if (isSandbox(c)) {
    void ctx.ui.showInformationMessage('The Sandbox account has one region.');
    return;
  }
  const region = await pickRegion(ctx, `Switch Region: ${c.profile}`, c.region);
  if (!region || region === c.region) return;
  ctx.backend.forget(c);
  await ctx.connections.replace(c, { ...c, region });
}

/** SSO sign-in: runs `aws sso login --profile X` in a terminal (the CLI opens the browser). */
export function signIn(profile?: string): void {
  const terminal = vscode.window.createTerminal({ name: 'AWS SSO sign-in' });
  terminal.show();
  terminal.sendText(`aws sso login${profile ? ` --profile ${JSON.stringify(profile)}` : ''}`);
}

/**
 * Open Sandbox Account: starts `dist/sandbox.js` (demo seed, state in global storage), waits for its URL line and
 * adds it as a connection (replacing the stored Sandbox connection, whose port it tries first). With
 * AWS_DEVTOOLS_SANDBOX_URL set (see externalSandbox), connects to that running Sandbox instead.
 */
export async function openSandbox(ctx: CommandContext, launcher: SandboxLauncher, options: () => Omit<SandboxLaunchOptions, 'preferredPort'>): Promise<Connection | undefined> {
  const existing = ctx.connections.list().find(isSandbox);
  const external = externalSandbox();
  const running = external ??
    (await withProgress(
      ctx,
      'Starting the Sandbox account',
      () => launcher.start({ ...options(), preferredPort: portOf(existing?.endpoint) }),
      () => openSandbox(ctx, launcher, options),
    ));
  if (!running) return undefined;
  const c: Connection = { profile: SANDBOX_PROFILE, region: 'us-east-1', endpoint: running.endpoint };
  if (existing) {
    if (existing.endpoint !== c.endpoint) ctx.backend.forget(existing);
    await ctx.connections.replace(existing, c);
  } else {
    await ctx.connections.add(c);
  }
  ctx.views.refreshAll();
  return c;
}
