import { BaseService } from './base';
import type { Operation } from './types';

interface State {
  // filled in by the service implementation
  version: 1;
}

export class CodeDeployService extends BaseService<State> {
  readonly name = 'codedeploy' as const;
  readonly targetPrefix = 'CodeDeploy_20141006';
  readonly operations: Record<string, Operation> = {};

  protected initialState(): State {
    return { version: 1 };
  }
}
