import { BaseService } from './base';
import type { Operation } from './types';

interface State {
  // filled in by the service implementation
  version: 1;
}

export class LogsService extends BaseService<State> {
  readonly name = 'logs' as const;
  readonly targetPrefix = 'Logs_20140328';
  readonly operations: Record<string, Operation> = {};

  protected initialState(): State {
    return { version: 1 };
  }
}
