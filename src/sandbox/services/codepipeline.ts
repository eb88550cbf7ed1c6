import { BaseService } from './base';
import type { Operation } from './types';

interface State {
  // filled in by the service implementation
  version: 1;
}

export class CodePipelineService extends BaseService<State> {
  readonly name = 'codepipeline' as const;
  readonly targetPrefix = 'CodePipeline_20150709';
  readonly operations: Record<string, Operation> = {};

  protected initialState(): State {
    return { version: 1 };
  }
}
