/** Plain CodeCommit types the views use (times are epoch milliseconds; nothing here is an SDK shape). */
export interface Repository {
  name: string;
  id: string;
  arn: string;
  accountId?: string;
  description?: string;
  defaultBranch?: string;
  created?: number;
  lastModified?: number;
  cloneUrls: CloneUrls;
}

export interface CloneUrls {
  https: string;
  ssh: string;
  /** git-remote-codecommit: `codecommit::<region>://<repository>` (`codecommit::<region>://<profile>@<repository>` with a profile). */
  grc: string;
}

export interface Branch {
  name: string;
  commitId?: string;
  isDefault: boolean;
}

export interface Person {
  name?: string;
  email?: string;
  /** epoch ms, parsed from CodeCommit's `<seconds> <+hhmm>` form */
  date?: number;
}

export interface Commit {
  id: string;
  treeId?: string;
  parents: string[];
  message: string;
  /** The first line of the message. */
  subject: string;
  author: Person;
  committer: Person;
}

export type ChangeType = 'A' | 'M' | 'D';

export interface FileDifference {
  changeType: ChangeType;
  beforePath?: string;
  afterPath?: string;
  beforeBlobId?: string;
  afterBlobId?: string;
  /** The path to show: after for A and M, before for D. */
  path: string;
}

export interface PullRequest {
  id: string;
  title: string;
  description?: string;
  /** OPEN or CLOSED */
  status: string;
  authorArn?: string;
  created?: number;
  lastActivity?: number;
  repositoryName: string;
  sourceReference?: string;
  destinationReference?: string;
  sourceCommit?: string;
  destinationCommit?: string;
  isMerged: boolean;
}
