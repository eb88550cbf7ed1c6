import { BaseService } from './base';
import type { Operation } from './types';

interface State {
  // filled in by the service implementation
  version: 1;
}

export class CodeCommitService extends BaseService<State> {
  readonly name = 'codecommit' as const;
  readonly targetPrefix = 'CodeCommit_20150413';
  readonly operations: Record<string, Operation> = {};

  protected initialState(): State {
    return { version: 1 };
  }
}
