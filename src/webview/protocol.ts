/**
 * The pipeline panel's message protocol, shared by the host (src/pipelinePanel) and the page (src/webview).
 *
 * Everything here is plain data and pure functions: no 'vscode', no DOM, no service layer. The host maps the service
 * layer's model to `PanelState` (see src/pipelinePanel/mapper.ts); the page renders `PanelState` and nothing else.
 * Both sides validate what they receive with the guards below before acting on it.
 */

// ---------------------------------------------------------------------------------------------------------------
// View model: what the page renders
// ---------------------------------------------------------------------------------------------------------------

/** Same values as src/model/status.ts RunStatus, repeated so the page does not depend on the model. */
export type Status = 'queued' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'waiting' | 'skipped' | 'unknown';
export const STATUSES: readonly Status[] = ['queued', 'running', 'succeeded', 'failed', 'stopped', 'waiting', 'skipped', 'unknown'];

export type ActionCategory = 'Source' | 'Build' | 'Deploy' | 'Test' | 'Approval' | 'Invoke' | 'Compute' | 'Other';

/** A link the page may show. The page never opens it itself: it posts `open` with the target, and the host decides. */
export type LinkKind = 'build' | 'deployment' | 'commit' | 'external';

export interface LinkVM {
  kind: LinkKind;
  /** What the link text says, e.g. a shortened build id. */
  label: string;
  /** The full external id (build id, deployment id, commit id) when the label shortens it. */
  id?: string;
  /** Only https URLs are rendered as href; anything else is dropped by the page. */
  url?: string;
}

export interface ApprovalVM {
  /** Present while the approval waits: the token PutApprovalResult needs. */
  token?: string;
  customData?: string;
  externalUrl?: string;
  /** Who can act: e.g. the notification topic, or a sentence. */
  approvers?: string;
  /** Who approved or rejected, once done. */
  decidedBy?: string;
}

export interface ActionVM {
  name: string;
  category: ActionCategory;
  provider: string;
  status: Status;
  /** The raw service status (e.g. `InProgress`), shown in the tooltip. */
  rawStatus?: string;
  summary?: string;
  /** Epoch ms of the last status change. */
  lastChange?: number;
  link?: LinkVM;
  error?: { code?: string; message: string };
  approval?: ApprovalVM;
  runOrder?: number;
}

export interface TransitionVM {
  enabled: boolean;
  reason?: string;
  by?: string;
  /** Epoch ms. */
  at?: number;
}

export interface InboundVM {
  executionId: string;
  status: Status;
}

export interface StageVM {
  name: string;
  status: Status;
  rawStatus?: string;
  /** The execution this stage last ran (latest), or the selected execution. */
  executionId?: string;
  /** Undefined for the first stage (no inbound transition). */
  transition?: TransitionVM;
  inbound: InboundVM[];
  /** Whether "retry failed" / "retry all" make sense now. */
  retryable: boolean;
  actions: ActionVM[];
}

export interface RevisionVM {
  actionName: string;
  revisionId: string;
  summary?: string;
  url?: string;
}

export interface ExecutionVM {
  id: string;
  status: Status;
  rawStatus?: string;
  statusSummary?: string;
  trigger?: string;
  /** Epoch ms. */
  startTime?: number;
  lastUpdate?: number;
  /** Epoch ms; absent while it runs. */
  endTime?: number;
  revisions: RevisionVM[];
  variables: { name: string; value: string }[];
  stoppable: boolean;
}

export interface ExecutionChoiceVM {
  id: string;
  status: Status;
  startTime?: number;
  /** One line for the picker: trigger or first revision summary. */
  label?: string;
}

export interface PanelState {
  pipelineName: string;
  /** `dev (eu-west-1)`. */
  connectionLabel: string;
  pipelineVersion?: number;
  /** The execution whose stages are shown; undefined = the latest (live) state. */
  selectedExecutionId?: string;
  /** Whether the stages show the live pipeline state (true) or a past execution (false). */
  live: boolean;
  execution?: ExecutionVM;
  executions: ExecutionChoiceVM[];
  stages: StageVM[];
  /** A load error (the page shows it in a banner and keeps what it had). */
  error?: string;
  /** Host clock (epoch ms) when this state was made: relative times are computed against it. */
  now: number;
  limits: Limits;
}

export interface Limits {
  approvalSummary: number;
}

export const DEFAULT_LIMITS: Limits = { approvalSummary: 512 };

// ---------------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------------

/** What the page keeps with vscode.setState so the serializer can reopen the panel after a reload. */
export interface PersistedState {
  v: 1;
  connection: { profile: string; region: string; endpoint?: string };
  pipelineName: string;
  selectedExecutionId?: string;
}

export type OpenTarget =
  | { kind: 'action'; stage: string; action: string }
  | { kind: 'approvalUrl'; stage: string; action: string }
  | { kind: 'revision'; index: number }
  | { kind: 'console' };

/** Page to host. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'selectExecution'; executionId?: string }
  | { type: 'approval'; stage: string; action: string; token: string; result: 'Approved' | 'Rejected'; summary: string }
  | { type: 'retryStage'; stage: string; executionId: string; mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS' }
  | { type: 'setTransition'; stage: string; enable: boolean }
  | { type: 'stopExecution'; executionId: string }
  | { type: 'startExecution' }
  | { type: 'open'; target: OpenTarget }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** Ops the host reports a result for. */
export type OpName = 'approval' | 'retryStage' | 'setTransition' | 'stopExecution' | 'startExecution' | 'open' | 'load';

/** Host to page. */
export type HostMessage =
  | { type: 'state'; state: PanelState; persist: PersistedState }
  | { type: 'busy'; op: OpName; key: string; busy: boolean }
  | { type: 'result'; op: OpName; key: string; ok: boolean; message?: string };

// ---------------------------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------------------------

const MAX_NAME = 1000;
const MAX_TEXT = 10_000;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isPlain(v: Obj): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
function isStr(v: unknown, max = MAX_NAME): v is string {
  return typeof v === 'string' && v.length <= max;
}
function isName(v: unknown): v is string {
  return isStr(v) && v.length > 0;
}
function optStr(v: unknown, max = MAX_TEXT): boolean {
  return v === undefined || isStr(v, max);
}
function optNum(v: unknown): boolean {
  return v === undefined || (typeof v === 'number' && Number.isFinite(v));
}
function hasOnly(o: Obj, keys: readonly string[]): boolean {
  return Object.keys(o).every((k) => keys.includes(k));
}

function isOpenTarget(v: unknown): v is OpenTarget {
  if (!isObj(v)) return false;
  switch (v.kind) {
    case 'action':
    case 'approvalUrl':
      return hasOnly(v, ['kind', 'stage', 'action']) && isName(v.stage) && isName(v.action);
    case 'revision':
      return hasOnly(v, ['kind', 'index']) && Number.isInteger(v.index) && (v.index as number) >= 0 && (v.index as number) < 1000;
    case 'console':
      return hasOnly(v, ['kind']);
    default:
      return false;
  }
}

/**
 * Validates a message from the page. Anything that is not exactly one of the `PageMessage` shapes (unknown type,
 * extra or missing fields, wrong types, oversized strings) is rejected: the host ignores and logs it.
 */
export function isPageMessage(v: unknown): v is PageMessage {
  // structured-cloned messages are plain objects; anything with another prototype (inherited fields) is not one
  if (!isObj(v) || !isPlain(v) || !Object.prototype.hasOwnProperty.call(v, 'type') || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'ready':
    case 'refresh':
    case 'startExecution':
      return hasOnly(v, ['type']);
    case 'selectExecution':
      return hasOnly(v, ['type', 'executionId']) && (v.executionId === undefined || isName(v.executionId));
    case 'approval':
      return (
        hasOnly(v, ['type', 'stage', 'action', 'token', 'result', 'summary']) &&
        isName(v.stage) &&
        isName(v.action) &&
        isName(v.token) &&
        (v.result === 'Approved' || v.result === 'Rejected') &&
        // The real limit (512) is checked by the service layer's validator on the host; this only bounds the size.
        isStr(v.summary, MAX_TEXT)
      );
    case 'retryStage':
      return (
        hasOnly(v, ['type', 'stage', 'executionId', 'mode']) &&
        isName(v.stage) &&
        isName(v.executionId) &&
        (v.mode === 'FAILED_ACTIONS' || v.mode === 'ALL_ACTIONS')
      );
    case 'setTransition':
      return hasOnly(v, ['type', 'stage', 'enable']) && isName(v.stage) && typeof v.enable === 'boolean';
    case 'stopExecution':
      return hasOnly(v, ['type', 'executionId']) && isName(v.executionId);
    case 'open':
      return hasOnly(v, ['type', 'target']) && isOpenTarget(v.target);
    case 'log':
      return hasOnly(v, ['type', 'level', 'message']) && (v.level === 'info' || v.level === 'warn' || v.level === 'error') && isStr(v.message, MAX_TEXT);
    default:
      return false;
  }
}

const OPS: readonly OpName[] = ['approval', 'retryStage', 'setTransition', 'stopExecution', 'startExecution', 'open', 'load'];

function isStatus(v: unknown): v is Status {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
}

function isLink(v: unknown): boolean {
  return isObj(v) && (v.kind === 'build' || v.kind === 'deployment' || v.kind === 'commit' || v.kind === 'external') && isStr(v.label) && optStr(v.id) && optStr(v.url, 2048);
}

function isAction(v: unknown): boolean {
  if (!isObj(v)) return false;
  return (
    isName(v.name) &&
    typeof v.category === 'string' &&
    isStr(v.provider) &&
    isStatus(v.status) &&
    optStr(v.rawStatus) &&
    optStr(v.summary) &&
    optNum(v.lastChange) &&
    (v.link === undefined || isLink(v.link)) &&
    (v.error === undefined || (isObj(v.error) && isStr(v.error.message, MAX_TEXT) && optStr(v.error.code))) &&
    (v.approval === undefined || isObj(v.approval))
  );
}

function isStage(v: unknown): boolean {
  if (!isObj(v)) return false;
  return (
    isName(v.name) &&
    isStatus(v.status) &&
    optStr(v.executionId) &&
    (v.transition === undefined || (isObj(v.transition) && typeof v.transition.enabled === 'boolean')) &&
    Array.isArray(v.inbound) &&
    v.inbound.every((i) => isObj(i) && isName(i.executionId) && isStatus(i.status)) &&
    typeof v.retryable === 'boolean' &&
    Array.isArray(v.actions) &&
    v.actions.every(isAction)
  );
}

function isPanelState(v: unknown): v is PanelState {
  if (!isObj(v)) return false;
  return (
    isStr(v.pipelineName) &&
    isStr(v.connectionLabel) &&
    typeof v.live === 'boolean' &&
    optStr(v.selectedExecutionId) &&
    (v.execution === undefined || (isObj(v.execution) && isName(v.execution.id) && isStatus(v.execution.status) && Array.isArray(v.execution.revisions) && Array.isArray(v.execution.variables))) &&
    Array.isArray(v.executions) &&
    v.executions.every((e) => isObj(e) && isName(e.id) && isStatus(e.status)) &&
    Array.isArray(v.stages) &&
    v.stages.every(isStage) &&
    optStr(v.error) &&
    typeof v.now === 'number' &&
    isObj(v.limits) &&
    typeof v.limits.approvalSummary === 'number'
  );
}

/** Validates a message from the host (the page trusts nothing it did not check either). */
export function isHostMessage(v: unknown): v is HostMessage {
  if (!isObj(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'state':
      return isPanelState(v.state) && isPersisted(v.persist);
    case 'busy':
      return OPS.includes(v.op as OpName) && isStr(v.key) && typeof v.busy === 'boolean';
    case 'result':
      return OPS.includes(v.op as OpName) && isStr(v.key) && typeof v.ok === 'boolean' && optStr(v.message);
    default:
      return false;
  }
}

/** Validates what the serializer gets back from the page's setState. */
export function isPersisted(v: unknown): v is PersistedState {
  return (
    isObj(v) &&
    v.v === 1 &&
    isName(v.pipelineName) &&
    optStr(v.selectedExecutionId) &&
    isObj(v.connection) &&
    isName(v.connection.profile) &&
    isName(v.connection.region) &&
    optStr(v.connection.endpoint, 2048)
  );
}

/** The key of an op's busy/result: `approval:<stage>/<action>`, `retryStage:<stage>`, `stopExecution:<id>`... */
export function opKey(op: OpName, ...parts: string[]): string {
  return [op, ...parts].join(':');
}

/** Whether a URL may be shown as a link (and opened by the host): https only. */
export function isSafeUrl(url: string | undefined): url is string {
  if (!url || url.length > 2048) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
