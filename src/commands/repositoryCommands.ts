import { existsSync } from 'fs';
import { delimiter, join } from 'path';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../views/explorerProvider';
import { RepositoryNode } from '../views/repositoriesView';
import type { CommandContext } from './context';

/** Whether git-remote-codecommit is on the PATH (then `codecommit::region://repo` URLs work without a credential helper). */
export function hasGitRemoteCodeCommit(env: NodeJS.ProcessEnv = process.env): boolean {
  const names = process.platform === 'win32' ? ['git-remote-codecommit.exe', 'git-remote-codecommit.cmd', 'git-remote-codecommit'] : ['git-remote-codecommit'];
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && names.some((n) => existsSync(join(dir, n))));
}

function urlsOf(ctx: CommandContext, node: RepositoryNode): { label: string; description: string; url: string }[] {
  const urls = node.repository.cloneUrls;
  const out = [{ label: 'HTTPS', description: 'with the AWS CLI credential helper', url: urls.https }];
  if (hasGitRemoteCodeCommit()) out.unshift({ label: 'git-remote-codecommit', description: 'codecommit:: (uses your AWS profile)', url: urls.grc });
  out.push({ label: 'SSH', description: 'with an SSH key uploaded to IAM', url: urls.ssh });
  void ctx;
  return out.filter((u) => !!u.url);
}

/** Clones through the built-in git extension's clone command (it asks where, then offers to open the folder). */
export async function cloneRepository(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  if (!(node instanceof RepositoryNode)) return;
  const options = urlsOf(ctx, node);
  const pick = options.length > 1 ? await ctx.ui.showQuickPick(options, { title: `Clone ${node.repository.name}` }) : options[0];
  if (!pick) return;
  await vscode.commands.executeCommand('git.clone', pick.url);
}

export async function copyCloneUrl(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  if (!(node instanceof RepositoryNode)) return;
  const options = urlsOf(ctx, node);
  const pick = await ctx.ui.showQuickPick(options, { title: `Copy clone URL of ${node.repository.name}` });
  if (!pick) return;
  await vscode.env.clipboard.writeText(pick.url);
  void ctx.ui.showInformationMessage(`Copied ${pick.url}`);
}
