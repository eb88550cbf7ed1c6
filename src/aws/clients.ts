import { isSandbox, type Connection } from '../model/connection';
import { credentialProviderFor, type CredentialOptions, type CredentialProvider } from './credentials';
import { AwsError, toAwsError } from './errors';
import { TaskQueue } from './queue';
import { loadSdk, type CodeBuildSdk, type CodeCommitSdk, type CodeDeploySdk, type CodePipelineSdk, type LogsSdk } from './sdkLoader';

export type ServiceId = 'codebuild' | 'codecommit' | 'codedeploy' | 'codepipeline' | 'logs';

interface Services {
  codebuild: { sdk: CodeBuildSdk; client: InstanceType<CodeBuildSdk['CodeBuildClient']> };
  codecommit: { sdk: CodeCommitSdk; client: InstanceType<CodeCommitSdk['CodeCommitClient']> };
  codedeploy: { sdk: CodeDeploySdk; client: InstanceType<CodeDeploySdk['CodeDeployClient']> };
  codepipeline: { sdk: CodePipelineSdk; client: InstanceType<CodePipelineSdk['CodePipelineClient']> };
  logs: { sdk: LogsSdk; client: InstanceType<LogsSdk['CloudWatchLogsClient']> };
}
export type ServiceClient<S extends ServiceId> = Services[S];

export interface ClientOptions {
  /** SDK attempts per call, first included (default 5; adaptive retry mode). */
  maxAttempts?: number;
  /** Per-attempt timeouts (defaults: connect 5 s, whole request 30 s). */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Bound of the per-connection queue for per-item calls such as GetPipelineState (default 4). */
  concurrency?: number;
  credentials?: CredentialOptions;
}

/** Counts, per `<service>.<Operation>`, the calls the service layer made (`calls`) and the HTTP attempts (`attempts`). */
export class RequestCounter {
  private readonly callCounts = new Map<string, number>();
  private readonly attemptCounts = new Map<string, number>();

  call(key: string): void {
    this.callCounts.set(key, (this.callCounts.get(key) ?? 0) + 1);
  }
  attempt(key: string): void {
    this.attemptCounts.set(key, (this.attemptCounts.get(key) ?? 0) + 1);
  }
  /** Calls by operation (retries not included). */
  calls(): Record<string, number> {
    return Object.fromEntries(this.callCounts);
  }
  /** HTTP attempts by operation (retries included). */
  attempts(): Record<string, number> {
    return Object.fromEntries(this.attemptCounts);
  }
  get(key: string): number {
    return this.callCounts.get(key) ?? 0;
  }
  total(): number {
    let n = 0;
    for (const v of this.callCounts.values()) n += v;
    return n;
  }
  reset(): void {
    this.callCounts.clear();
    this.attemptCounts.clear();
  }
}

/**
 * The SDK clients of one connection: one per service, created on first use (which is when its SDK module is loaded),
 * shared by every caller, destroyed together by `dispose()`. Also holds the connection's request counter and its
 * bounded queue for per-item calls.
 */
export class ConnectionClients {
  readonly counter = new RequestCounter();
  readonly queue: TaskQueue;
  private readonly clients = new Map<ServiceId, Services[ServiceId]>();
  private readonly credentials: CredentialProvider;
  private disposed = false;

  constructor(
    readonly connection: Connection,
    private readonly options: ClientOptions = {},
  ) {
    this.queue = new TaskQueue(options.concurrency ?? 4);
    this.credentials = credentialProviderFor(connection, options.credentials);
  }

  get<S extends ServiceId>(service: S): Services[S] {
    if (this.disposed) throw new AwsError('invalidInput', service, `The connection ${this.connection.profile} (${this.connection.region}) was removed.`, { code: 'ConnectionDisposed' });
    let entry = this.clients.get(service) as Services[S] | undefined;
    if (!entry) {
      entry = this.create(service);
      this.clients.set(service, entry);
    }
    return entry;
  }

  /** Runs one SDK call (or a paginated walk) for `<service>.<operation>`, mapping any failure to an `AwsError`. */
  async call<S extends ServiceId, T>(service: S, operation: string, fn: (client: Services[S]['client'], sdk: Services[S]['sdk']) => Promise<T>): Promise<T> {
    const { client, sdk } = this.get(service);
    try {
      return await fn(client, sdk);
    } catch (e) {
      throw toAwsError(e, `${service}.${operation}`, { profile: isSandbox(this.connection) ? undefined : this.connection.profile });
    }
  }

  /** Which services have a client (tests check that nothing is created before first use). */
  createdServices(): ServiceId[] {
    return [...this.clients.keys()];
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    this.disposed = true;
    for (const { client } of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private create<S extends ServiceId>(service: S): Services[S] {
    const c = this.connection;
    const config = {
      region: c.region,
      ...(c.endpoint ? { endpoint: c.endpoint } : {}),
      ...(isSandbox(c) ? {} : { profile: c.profile }),
      credentials: this.credentials,
      retryMode: 'adaptive',
      maxAttempts: this.options.maxAttempts ?? 5,
      requestHandler: { connectionTimeout: this.options.connectionTimeoutMs ?? 5000, requestTimeout: this.options.requestTimeoutMs ?? 30_000, throwOnRequestTimeout: true },
    };
    let entry: Services[ServiceId];
    switch (service) {
      case 'codebuild': {
        const sdk = loadSdk('codebuild');
        entry = { sdk, client: new sdk.CodeBuildClient(config) };
        break;
      }
      case 'codecommit': {
        const sdk = loadSdk('codecommit');
        entry = { sdk, client: new sdk.CodeCommitClient(config) };
        break;
      }
      case 'codedeploy': {
        const sdk = loadSdk('codedeploy');
        entry = { sdk, client: new sdk.CodeDeployClient(config) };
        break;
      }
      case 'codepipeline': {
        const sdk = loadSdk('codepipeline');
        entry = { sdk, client: new sdk.CodePipelineClient(config) };
        break;
      }
      case 'logs': {
        const sdk = loadSdk('logs');
        // disableHostPrefix: StartLiveTail would otherwise call `streaming.<endpoint host>`.
        entry = { sdk, client: new sdk.CloudWatchLogsClient({ ...config, disableHostPrefix: true }) };
        break;
      }
      default:
        throw new Error(`Unknown service ${String(service)}`);
    }
    this.instrument(service, entry.client);
    return entry as Services[S];
  }

  private instrument(service: ServiceId, client: Services[ServiceId]['client']): void {
    const counter = this.counter;
    const keyOf = (commandName: unknown) => `${service}.${String(commandName).replace(/Command$/, '')}`;
    const stack = client.middlewareStack as unknown as {
      add(mw: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>, options: { step: string; name: string; priority?: string }): void;
    };
    stack.add(
      (next, context) => (args) => {
        counter.call(keyOf(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'awsDevToolsCallCounter', priority: 'high' },
    );
    stack.add(
      (next, context) => (args) => {
        counter.attempt(keyOf(context.commandName));
        return next(args);
      },
      { step: 'deserialize', name: 'awsDevToolsAttemptCounter', priority: 'low' },
    );
  }
}
