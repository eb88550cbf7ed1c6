import * as http from 'http';
import type { AddressInfo } from 'net';
import { AwsError } from './errors';
import { uuid } from './ids';
import type { Sandbox } from './sandbox';
import type { FaultRule } from './faults';
import type { Json } from './services/types';

const MAX_BODY = 4 * 1024 * 1024;
const JSON_TYPE = 'application/x-amz-json-1.1';
/** Operations that only read (every service names them so): Get..., List..., BatchGet..., Describe..., Filter... */
const READ_OPERATION = /^(Get|List|BatchGet|Describe|Filter)[A-Z]/;

/** The HTTP face of the Sandbox: AWS JSON 1.1 on `POST /`, the control API on `/__sandbox/`. 127.0.0.1 only. */
export class SandboxServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<import('net').Socket>();

  constructor(private readonly sandbox: Sandbox) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.keepAliveTimeout = 5000;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = uuid();
    res.setHeader('x-amzn-RequestId', requestId);
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      return sendError(res, e instanceof AwsError ? e : new AwsError('SerializationException', 'Could not read the request body'));
    }
    const url = req.url ?? '/';
    if (url.startsWith('/__sandbox/')) return this.control(req, res, url, body);
    if (req.method !== 'POST' || url.split('?')[0] !== '/') {
      return sendError(res, new AwsError('UnknownOperationException', `No operation at ${req.method ?? ''} ${url}`, 404));
    }
    const target = header(req, 'x-amz-target');
    const [prefix, operationName] = (target ?? '').split('.');
    const service = this.sandbox.serviceByPrefix(prefix);
    // own properties only: 'toString' or 'constructor' must not reach Object.prototype
    const operation = service && operationName && Object.hasOwn(service.operations, operationName) ? service.operations[operationName] : undefined;
    if (!service || !operation) return sendError(res, new AwsError('UnknownOperationException', `Unknown operation ${target ?? '(no X-Amz-Target)'}`));
    const auth = header(req, 'authorization');
    if (!auth) return sendError(res, new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400));
    let input: Json;
    try {
      const text = body.length ? body.toString('utf8') : '{}';
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      input = parsed as Json;
    } catch {
      return sendError(res, new AwsError('SerializationException', 'Start of structure or map found where not expected, or the body is not valid JSON.'));
    }
    this.sandbox.countRequest(service.name, operationName);
    const fault = this.sandbox.faults.decide(service.name, operationName);
    if (fault.latencyMs > 0) await delay(fault.latencyMs);
    if (fault.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'error') return sendError(res, fault.error);
    try {
      this.sandbox.tick();
      const result = operation(input, { requestId, region: regionOf(auth) ?? this.sandbox.region, now: this.sandbox.clock.now() });
      // Only a request that can change state asks for a save soon (200 ms). A read changes nothing but what the
      // services make when first read (a scale build from its stub, a deferred log), and they mark that themselves;
      // the ticks' changes are saved in batches of a second. Marking every read made a stream of GetPipelineState
      // calls write the state file every 200 ms: 7 MB with the scale seed, most of the server's time.
      if (!READ_OPERATION.test(operationName)) this.sandbox.changed();
      if (fault.kind === 'dropResponse') {
        req.socket.destroy();
        return;
      }
      send(res, 200, result ?? {});
    } catch (e) {
      if (e instanceof AwsError) return sendError(res, e);
      this.sandbox.log(`internal error in ${service.name}.${operationName}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      sendError(res, new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', 500));
    }
  }

  private control(req: http.IncomingMessage, res: http.ServerResponse, url: string, body: Buffer): void {
    if (req.headers.origin !== undefined) return sendError(res, new AwsError('AccessDeniedException', 'The control API refuses browser requests.', 403));
    if (header(req, 'x-sandbox-token') !== this.sandbox.controlToken) return sendError(res, new AwsError('AccessDeniedException', 'Missing or wrong x-sandbox-token.', 403));
    let input: Json = {};
    try {
      if (body.length) input = JSON.parse(body.toString('utf8')) as Json;
    } catch {
      return sendError(res, new AwsError('SerializationException', 'The body is not valid JSON.'));
    }
    const action = url.slice('/__sandbox/'.length).split('?')[0];
    try {
      const sb = this.sandbox;
      switch (action) {
        case 'health':
          return send(res, 200, { ok: true, now: sb.clock.now() });
        case 'state':
          sb.tick();
          return send(res, 200, sb.snapshot());
        case 'reset':
          sb.reset(typeof input.seed === 'string' ? input.seed : 'empty', (input.options as Json | undefined) ?? {});
          return send(res, 200, { ok: true });
        case 'seed':
          // Like reset, but the seed is required: { seed: 'demo' | 'scale' | 'empty', options? }.
          if (typeof input.seed !== 'string') throw new AwsError('ValidationException', 'seed needs a seed name: empty, demo or scale');
          sb.reset(input.seed, (input.options as Json | undefined) ?? {});
          return send(res, 200, { ok: true, seed: input.seed });
        case 'advance':
          sb.advance(Number(input.ms ?? 0));
          return send(res, 200, { now: sb.clock.now() });
        case 'speed':
          sb.clock.setSpeed(Number(input.speed ?? 1));
          return send(res, 200, { speed: sb.clock.getSpeed() });
        case 'faults':
          sb.faults.set(Array.isArray(input.rules) ? (input.rules as FaultRule[]) : []);
          return send(res, 200, { rules: sb.faults.list() });
        case 'script-build':
          if (typeof input.projectName !== 'string') throw new AwsError('ValidationException', 'script-build needs projectName');
          sb.codebuild.scriptNextBuild(input.projectName, (input.outcome as Parameters<Sandbox['codebuild']['scriptNextBuild']>[1] | undefined) ?? {});
          return send(res, 200, { ok: true });
        case 'script-deployment':
          sb.codedeploy.scriptNextDeployment(input);
          return send(res, 200, { ok: true });
        case 'requests':
          return send(res, 200, { counts: Object.fromEntries(sb.requestCounts) });
        default:
          return sendError(res, new AwsError('UnknownOperationException', `Unknown control action ${action}`, 404));
      }
    } catch (e) {
      sendError(res, e instanceof AwsError ? e : new AwsError('InternalFailure', e instanceof Error ? e.message : String(e), 500));
    }
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function regionOf(auth: string): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(auth)?.[1];
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AwsError('RequestEntityTooLargeException', `Request body exceeds ${MAX_BODY} bytes`, 413));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, e: AwsError): void {
  if (!res.headersSent && !res.destroyed) res.setHeader('x-amzn-ErrorType', e.type);
  send(res, e.status, { __type: e.type, message: e.message });
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
