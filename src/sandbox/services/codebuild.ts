import { BaseService } from './base';
import type { Operation } from './types';

interface State {
  // filled in by the service implementation
  version: 1;
}

export class CodeBuildService extends BaseService<State> {
  readonly name = 'codebuild' as const;
  readonly targetPrefix = 'CodeBuild_20161006';
  readonly operations: Record<string, Operation> = {};

  protected initialState(): State {
    return { version: 1 };
  }
}
