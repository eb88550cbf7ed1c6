import { createHash } from 'crypto';
import { AwsError } from '../../errors';
import { ACCOUNT_ID, ts } from '../../ids';
import { page } from '../../pagination';
import type { Json, Operation, RequestContext } from '../types';
import { decodeRefName, encodeRefName, repositoryName, str } from './checks';
import { mergeBase, type ObjectStore } from './git';
import { omitUndefined } from './wire';

/** CodeCommit pull requests: ListPullRequests, GetPullRequest, CreatePullRequest and the seeds' internal create. */

export interface PullRequestTarget {
  repositoryName: string;
  sourceReference: string;
  destinationReference: string;
  sourceCommit: string;
  destinationCommit: string;
  mergeBase?: string;
}

export interface PullRequest {
  pullRequestId: string;
  title: string;
  description?: string;
  creationDate: number;
  lastActivityDate: number;
  pullRequestStatus: 'OPEN' | 'CLOSED';
  authorArn: string;
  clientRequestToken?: string;
  revisionId: string;
  targets: PullRequestTarget[];
}

/** The part of the CodeCommit state pull requests own. */
export interface PullRequestState {
  pullRequests: Record<string, PullRequest>;
  nextPullRequestId: number;
}

export interface PullRequestInput {
  title: string;
  description?: string;
  repositoryName: string;
  source: string;
  destination?: string;
  author?: string;
  date?: number;
}

/** What pull requests need of the repository service (the state is read through a function: reset/load replace it). */
export interface PullRequestHost {
  state(): PullRequestState;
  /** The repository, or RepositoryDoesNotExistException. */
  repository(name: string): { repositoryName: string; defaultBranch?: string; branches: Record<string, string>; objects: ObjectStore };
  now(): number;
}

const DEFAULT_AUTHOR = 'sandbox-user';

export class PullRequests {
  readonly operations: Record<string, Operation> = {
    ListPullRequests: (i) => this.list(i),
    GetPullRequest: (i) => ({ pullRequest: this.wire(this.get(i)) }),
    CreatePullRequest: (i, c) => this.createFromRequest(i, c),
  };

  constructor(private readonly host: PullRequestHost) {}

  /** Creates a pull request without a request (seeds may date it in the past); returns its id. */
  create(opts: PullRequestInput): string {
    const state = this.host.state();
    const now = opts.date ?? this.host.now();
    const target = this.resolveTarget(opts.repositoryName, opts.source, opts.destination);
    const id = String(state.nextPullRequestId++);
    state.pullRequests[id] = {
      pullRequestId: id,
      title: opts.title,
      description: opts.description,
      creationDate: now,
      lastActivityDate: now,
      pullRequestStatus: 'OPEN',
      authorArn: `arn:aws:iam::${ACCOUNT_ID}:user/${opts.author ?? DEFAULT_AUTHOR}`,
      revisionId: createHash('sha256').update(`${id}:${target.sourceCommit}:${now}`).digest('hex'),
      targets: [target],
    };
    return id;
  }

  private get(input: Json): PullRequest {
    const id = str(input, 'pullRequestId');
    if (!id) throw new AwsError('PullRequestIdRequiredException', 'A pull request ID is required, but none was provided.');
    if (!/^\d+$/.test(id)) throw new AwsError('InvalidPullRequestIdException', `The pull request ID '${id}' is not valid.`);
    const pr = this.host.state().pullRequests[id];
    if (!pr) throw new AwsError('PullRequestDoesNotExistException', `The pull request ID ${id} does not exist.`);
    return pr;
  }

  private wire(pr: PullRequest): Json {
    return omitUndefined({
      pullRequestId: pr.pullRequestId,
      title: pr.title,
      description: pr.description,
      lastActivityDate: ts(pr.lastActivityDate),
      creationDate: ts(pr.creationDate),
      pullRequestStatus: pr.pullRequestStatus,
      authorArn: pr.authorArn,
      pullRequestTargets: pr.targets.map((t) => omitUndefined({ ...t, mergeMetadata: { isMerged: false } })),
      clientRequestToken: pr.clientRequestToken,
      revisionId: pr.revisionId,
      approvalRules: [],
    });
  }

  private resolveTarget(repositoryName: string, source: string, destination: string | undefined): PullRequestTarget {
    const repo = this.host.repository(repositoryName);
    const sourceBranch = decodeRefName(source);
    const destinationBranch = decodeRefName(destination ?? repo.defaultBranch ?? '');
    const sourceCommit = repo.branches[sourceBranch];
    if (!sourceCommit) throw new AwsError('ReferenceDoesNotExistException', `The reference ${source} does not exist in repository ${repositoryName}.`);
    const destinationCommit = repo.branches[destinationBranch];
    if (!destinationCommit) throw new AwsError('ReferenceDoesNotExistException', `The reference ${destination ?? '(default branch)'} does not exist in repository ${repositoryName}.`);
    if (sourceBranch === destinationBranch) throw new AwsError('SourceAndDestinationAreSameException', 'The source branch and destination branch for the pull request are the same. You must specify different branches for the source and destination.');
    return {
      repositoryName,
      sourceReference: encodeRefName(sourceBranch),
      destinationReference: encodeRefName(destinationBranch),
      sourceCommit,
      destinationCommit,
      mergeBase: mergeBase(repo.objects, sourceCommit, destinationCommit),
    };
  }

  private createFromRequest(input: Json, ctx: RequestContext): Json {
    const state = this.host.state();
    const title = str(input, 'title');
    if (!title) throw new AwsError('TitleRequiredException', 'A pull request title is required. It cannot be empty or null.');
    if (title.length > 150) throw new AwsError('InvalidTitleException', 'The title of the pull request is not valid. Pull request titles cannot exceed 150 characters.');
    const description = str(input, 'description');
    if (description !== undefined && description.length > 10240) throw new AwsError('InvalidDescriptionException', 'The pull request description is not valid. Descriptions cannot be more than 10,240 characters.');
    const token = str(input, 'clientRequestToken');
    if (token !== undefined) {
      if (token.length < 1 || token.length > 64) throw new AwsError('InvalidClientRequestTokenException', 'The client request token is not valid.');
      const previous = Object.values(state.pullRequests).find((p) => p.clientRequestToken === token);
      if (previous) {
        if (previous.title !== title || previous.description !== description)
          throw new AwsError('IdempotencyParameterMismatchException', 'The client request token is not valid. Either the token is not in a valid format, or the token has been used in a previous request and cannot be reused.');
        return { pullRequest: this.wire(previous) };
      }
    }
    const targets = input.targets;
    if (targets === undefined || targets === null) throw new AwsError('TargetsRequiredException', 'An array of target objects is required. It cannot be empty or null.');
    if (!Array.isArray(targets) || targets.length === 0) throw new AwsError('InvalidTargetsException', 'The targets for the pull request is not valid or not in a valid format. Targets are a list of target objects.');
    if (targets.length > 1) throw new AwsError('MultipleRepositoriesInPullRequestException', 'You cannot include more than one repository in a pull request. Make sure you have specified only one repository name in your request, and then try again.');
    const target = targets[0] as Json;
    if (typeof target !== 'object' || target === null) throw new AwsError('TargetRequiredException', 'A pull request target is required. It cannot be empty or null.');
    const repoName = repositoryName(target);
    const source = str(target, 'sourceReference');
    if (!source) throw new AwsError('ReferenceNameRequiredException', 'A reference name is required, but none was provided.');
    const destination = str(target, 'destinationReference');
    for (const ref of [source, destination]) {
      if (ref !== undefined && ref.startsWith('refs/') && !ref.startsWith('refs/heads/'))
        throw new AwsError('ReferenceTypeNotSupportedException', `The specified reference ${ref} is not a supported type. Only branch references are supported.`);
    }
    const open = Object.values(state.pullRequests).filter((p) => p.pullRequestStatus === 'OPEN' && p.targets[0].repositoryName === repoName).length;
    if (open >= 1000) throw new AwsError('MaximumOpenPullRequestsExceededException', 'You cannot create the pull request because the repository has too many open pull requests.');
    const id = this.create({ title, description, repositoryName: repoName, source, destination, date: ctx.now });
    const pr = state.pullRequests[id];
    pr.clientRequestToken = token;
    return { pullRequest: this.wire(pr) };
  }

  private list(input: Json): Json {
    const repo = this.host.repository(repositoryName(input));
    const status = str(input, 'pullRequestStatus');
    if (status !== undefined && status !== 'OPEN' && status !== 'CLOSED') throw new AwsError('InvalidPullRequestStatusException', `The pull request status '${status}' is not valid.`);
    const authorArn = str(input, 'authorArn');
    if (authorArn !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:/.test(authorArn)) throw new AwsError('InvalidAuthorArnException', `The Amazon Resource Name (ARN) '${authorArn}' is not valid.`);
    const max = input.maxResults;
    if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100))
      throw new AwsError('InvalidMaxResultsException', `The specified number of maximum results '${JSON.stringify(max)}' is not valid.`);
    const ids = Object.values(this.host.state().pullRequests)
      .filter((p) => p.targets[0].repositoryName === repo.repositoryName && (!status || p.pullRequestStatus === status) && (!authorArn || p.authorArn === authorArn))
      .sort((a, b) => b.creationDate - a.creationDate || Number(b.pullRequestId) - Number(a.pullRequestId))
      .map((p) => p.pullRequestId);
    const p = page(ids, {
      list: `prs:${repo.repositoryName}:${status ?? ''}:${authorArn ?? ''}`,
      nextToken: str(input, 'nextToken'),
      pageSize: typeof max === 'number' ? max : 100,
      invalidTokenError: 'InvalidContinuationTokenException',
    });
    return omitUndefined({ pullRequestIds: p.items, nextToken: p.nextToken });
  }
}
