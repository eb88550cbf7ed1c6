/**
 * The pipeline panel's page: renders a `PanelState` once, then patches it. Every stage and action is a component
 * keyed by its name that keeps references to its elements; an update writes only the texts, attributes and classes
 * that differ, so focus, scroll, selection and what is typed in a comment box survive every refresh.
 *
 * No data ever goes through innerHTML: names, summaries, messages and URLs from AWS are set with textContent and
 * setAttribute, and only https URLs become an href.
 */
import { cloneSkeleton, el, glyphClass, icon, iconClass, reconcile, setAttr, setClassName, setDisabled, setHidden, setText } from './dom';
import { categoryIconName, duration, exactTime, relativeTime, shortRevision, statusIconName, statusLabel, TimeFormats } from './format';
import {
  isSafeUrl,
  opKey,
  type ActionVM,
  type ApprovalVM,
  type ExecutionChoiceVM,
  type LinkVM,
  type OpName,
  type PageMessage,
  type PanelState,
  type RevisionVM,
  type StageVM,
  type Status,
} from './protocol';

export interface ViewOptions {
  post(message: PageMessage): void;
  /** The page's clock (tests pass a fixed one). */
  clock?: () => number;
}

interface Ctx {
  doc: Document;
  post(message: PageMessage): void;
  now(): number;
  isBusy(key: string): boolean;
  state(): PanelState;
  /** This page's formatted times. */
  times: TimeFormats;
  /** isSafeUrl, decided once per URL in this page (a pipeline's approvals often share theirs). */
  safeUrl(url: string | undefined): url is string;
}

/** A `<time>` whose text is relative and whose tooltip is exact. */
function setTime(ctx: Ctx, node: HTMLTimeElement, time: number | undefined, now: number, prefix = ''): void {
  setHidden(node, time === undefined);
  if (time === undefined) return;
  setText(node, prefix + relativeTime(time, now));
  setAttr(node, 'datetime', ctx.times.iso(time));
  setAttr(node, 'title', ctx.times.exact(time));
}

function setStatusIcon(node: HTMLElement, status: Status): void {
  setClassName(node, iconClass(statusIconName(status), `status-icon status-${status}`));
}

/** The link kinds the host knows how to open even without a URL (build log, deployment in the tree). */
function hostOpens(kind: string): boolean {
  return kind === 'build' || kind === 'deployment';
}

// ---------------------------------------------------------------------------------------------------------------

/** The manual-approval part of an action card; created only for approval actions. */
class ApprovalPart {
  readonly el: HTMLDivElement;
  /** Who can act and who decided: created when there is something to say. */
  private approvers?: HTMLDivElement;
  private decided?: HTMLDivElement;
  private readonly customData: HTMLDivElement;
  private readonly link: HTMLAnchorElement;
  private readonly form: HTMLDivElement;
  private readonly comment: HTMLTextAreaElement;
  private readonly counter: HTMLSpanElement;
  private readonly approveButton: HTMLButtonElement;
  private readonly rejectButton: HTMLButtonElement;
  private readonly message: HTMLDivElement;
  private vm: ApprovalVM = {};
  /** The op key of this approval's busy state. */
  readonly key: string;
  /** What applyBusy last wrote (the skeleton's buttons are enabled and its form not busy). */
  private applied = { busy: false, disabled: false };

  constructor(
    private readonly ctx: Ctx,
    private readonly stageName: string,
    private readonly actionName: string,
    id: string,
  ) {
    const d = ctx.doc;
    // the icons are glyphs of the link and the buttons themselves (no elements of their own); who can act and who
    // decided are added when there is something to say
    this.el = cloneSkeleton(d, 'approval', () =>
      el(
        d,
        'div',
        { className: 'approval' },
        el(d, 'div', { className: 'custom-data', attrs: { hidden: '' } }),
        el(d, 'a', { className: glyphClass('link-external', 'approval-url'), attrs: { hidden: '' } }),
        el(
          d,
          'div',
          { className: 'approval-form' },
          el(d, 'label', { className: 'comment-label', text: 'Comment' }),
          el(d, 'textarea', { className: 'comment', attrs: { rows: '3', placeholder: 'Comment (optional)' } }),
          el(
            d,
            'div',
            { className: 'approval-buttons' },
            el(d, 'span', { className: 'counter', attrs: { 'aria-live': 'polite' } }),
            el(d, 'button', { className: glyphClass('check', 'primary'), text: 'Approve', attrs: { type: 'button' } }),
            el(d, 'button', { className: glyphClass('close', 'secondary'), text: 'Reject', attrs: { type: 'button' } }),
          ),
        ),
        el(d, 'div', { className: 'op-message', attrs: { role: 'status' } }),
      ),
    );
    const customData = this.el.firstElementChild as HTMLDivElement;
    const link = customData.nextElementSibling as HTMLAnchorElement;
    const form = link.nextElementSibling as HTMLDivElement;
    const label = form.firstElementChild as HTMLLabelElement;
    const comment = label.nextElementSibling as HTMLTextAreaElement;
    const counter = comment.nextElementSibling!.firstElementChild as HTMLSpanElement;
    const approve = counter.nextElementSibling as HTMLButtonElement;
    this.customData = customData;
    this.link = link;
    this.form = form;
    this.comment = comment;
    this.counter = counter;
    this.approveButton = approve;
    this.rejectButton = approve.nextElementSibling as HTMLButtonElement;
    this.message = form.nextElementSibling as HTMLDivElement;
    this.key = opKey('approval', stageName, actionName);
    const commentId = `${id}-comment`;
    label.setAttribute('for', commentId);
    comment.id = commentId;
    comment.setAttribute('aria-describedby', `${id}-counter`);
    counter.id = `${id}-counter`;
    approve.setAttribute('aria-label', `Approve ${actionName} in stage ${stageName}`);
    this.rejectButton.setAttribute('aria-label', `Reject ${actionName} in stage ${stageName}`);
  }

  /** An event inside this part (the page listens once for all: see PipelineView.route). */
  handle(e: Event, target: Element): void {
    if (e.type === 'input') {
      if (target === this.comment) this.updateCounter();
    } else if (e.type === 'click') {
      if (this.link.contains(target)) {
        e.preventDefault();
        if (this.ctx.safeUrl(this.vm.externalUrl)) this.ctx.post({ type: 'open', target: { kind: 'approvalUrl', stage: this.stageName, action: this.actionName } });
      } else if (this.approveButton.contains(target)) {
        if (!this.approveButton.disabled) this.decide('Approved');
      } else if (this.rejectButton.contains(target)) {
        if (!this.rejectButton.disabled) this.decide('Rejected');
      }
    }
  }

  private decide(result: 'Approved' | 'Rejected'): void {
    const token = this.vm.token;
    if (!token || this.overLimit()) return;
    setText(this.message, '');
    this.ctx.post({ type: 'approval', stage: this.stageName, action: this.actionName, token, result, summary: this.comment.value });
  }

  private overLimit(): boolean {
    return this.comment.value.length > this.ctx.state().limits.approvalSummary;
  }

  private updateCounter(): void {
    const limit = this.ctx.state().limits.approvalSummary;
    const length = this.comment.value.length;
    setText(this.counter, `${length} / ${limit}`);
    setClassName(this.counter, length > limit ? 'counter over' : 'counter');
    setAttr(this.comment, 'aria-invalid', length > limit ? 'true' : undefined);
    this.applyBusy();
  }

  applyBusy(): void {
    const busy = this.ctx.isBusy(this.key);
    const disabled = busy || this.overLimit();
    if (busy === this.applied.busy && disabled === this.applied.disabled) return;
    this.applied = { busy, disabled };
    setDisabled(this.approveButton, disabled);
    setDisabled(this.rejectButton, disabled);
    setAttr(this.form, 'aria-busy', busy ? 'true' : undefined);
  }

  showResult(ok: boolean, message: string | undefined): void {
    setText(this.message, message ?? '');
    setClassName(this.message, ok ? 'op-message' : 'op-message failed');
    if (ok) {
      this.comment.value = '';
      this.updateCounter();
    }
  }

  /** A muted line of the approval (who can act, who decided), created before `before` the first time it has a text. */
  private line(node: HTMLDivElement | undefined, className: string, text: string, before: Element): HTMLDivElement | undefined {
    if (!node && !text) return undefined;
    if (!node) {
      node = el(this.ctx.doc, 'div', { className });
      this.el.insertBefore(node, before);
    }
    setText(node, text);
    setHidden(node, !text);
    return node;
  }

  update(a: ApprovalVM): void {
    this.vm = a;
    const waiting = !!a.token;
    this.approvers = this.line(this.approvers, 'approvers', a.approvers && waiting ? `Who can act: ${a.approvers}` : '', this.customData);
    setText(this.customData, a.customData ?? '');
    setHidden(this.customData, !a.customData);
    const urlSafe = this.ctx.safeUrl(a.externalUrl) ? a.externalUrl : undefined;
    setHidden(this.link, !a.externalUrl);
    setText(this.link, a.externalUrl ?? '');
    setAttr(this.link, 'href', urlSafe);
    setAttr(this.link, 'aria-disabled', a.externalUrl && !urlSafe ? 'true' : undefined);
    // the outcome stays visible after the form hides (the approval is no longer waiting)
    this.decided = this.line(this.decided, 'decided', a.decidedBy && !waiting ? `Decided by ${a.decidedBy}` : '', this.form);
    setHidden(this.form, !waiting);
    if (waiting && this.counter.textContent === '') this.updateCounter();
    this.applyBusy();
  }
}

/** The part of an action card every action has (the link, error and approval parts are added when needed). */
function actionSkeleton(d: Document): HTMLLIElement {
  // the card is one flex row that wraps: category icon, name and status share the first line, the meta line, summary,
  // link, error and approval take lines of their own (see .action in media/pipeline.css); the status icon is a glyph
  // of the status element and the provider a text before the time
  return cloneSkeleton(d, 'action', () =>
    el(
      d,
      'li',
      { className: 'action' },
      icon(d, 'circle-outline', 'category-icon'),
      el(d, 'span', { className: 'action-name' }),
      el(d, 'span', { className: glyphClass('circle-large-outline', 'status status-text') }),
      el(d, 'div', { className: 'meta' }, d.createTextNode(''), el(d, 'time', { className: 'time' })),
      el(d, 'div', { className: 'summary', attrs: { hidden: '' } }),
    ),
  );
}

/** The elements of an action card that change with its view model. */
interface CardParts {
  el: HTMLLIElement;
  categoryIcon: HTMLSpanElement;
  name: HTMLSpanElement;
  status: HTMLSpanElement;
  provider: Text;
  time: HTMLTimeElement;
  summary: HTMLDivElement;
}

function cardParts(li: HTMLLIElement): CardParts {
  const categoryIcon = li.firstElementChild as HTMLSpanElement;
  const name = categoryIcon.nextElementSibling as HTMLSpanElement;
  const status = name.nextElementSibling as HTMLSpanElement;
  const meta = status.nextElementSibling!;
  return {
    el: li,
    categoryIcon,
    name,
    status,
    provider: meta.firstChild as Text,
    time: meta.lastElementChild as HTMLTimeElement,
    summary: meta.nextElementSibling as HTMLDivElement,
  };
}

/** What the look of a card's head depends on: its status, category, raw status and provider. */
function headKey(vm: ActionVM): string {
  return `${vm.status}\u0000${vm.category}\u0000${vm.rawStatus ?? '\u0001'}\u0000${vm.provider}`;
}

function writeHead(p: CardParts, vm: ActionVM): void {
  setClassName(p.el, `action status-${vm.status} category-${vm.category.toLowerCase()}`);
  setClassName(p.categoryIcon, iconClass(categoryIconName(vm.category), 'category-icon'));
  setAttr(p.categoryIcon, 'title', vm.category);
  setClassName(p.status, glyphClass(statusIconName(vm.status), 'status status-text'));
  setText(p.status, statusLabel(vm.status));
  setAttr(p.status, 'title', vm.rawStatus);
  if (p.provider.data !== vm.provider) p.provider.data = vm.provider;
}

/** Heads written into skeletons per document, at most: past that, new cards are written from the plain skeleton. */
const MAX_HEADS = 200;
const heads = new WeakMap<Document, Set<string>>();

/**
 * A new card, cloned from a skeleton whose head is already written for this status, category, raw status and
 * provider (a pipeline shows a handful of combinations): a first render writes only what is the action's own.
 */
function newCard(d: Document, vm: ActionVM): { parts: CardParts; head: string } {
  const key = headKey(vm);
  let known = heads.get(d);
  if (!known) heads.set(d, (known = new Set()));
  if (!known.has(key) && known.size >= MAX_HEADS) return { parts: cardParts(actionSkeleton(d)), head: '' };
  known.add(key);
  const li = cloneSkeleton(d, `action\u0000${key}`, () => {
    const base = actionSkeleton(d);
    writeHead(cardParts(base), vm);
    return base;
  });
  return { parts: cardParts(li), head: key };
}

/** An action's error details; created only once an action has failed. */
interface ErrorPart {
  el: HTMLDivElement;
  code: HTMLSpanElement;
  message: HTMLSpanElement;
}

/**
 * Whether two flat parts of an action's view model (link, error, approval) hold the same values. Every field counts,
 * so a field added to one of them later is compared too.
 */
function sameFields<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys(x).every((k) => x[k] === y[k]) && Object.keys(y).every((k) => k in x || y[k] === undefined);
}

class ActionComponent {
  readonly el: HTMLLIElement;
  private readonly parts: CardParts;
  /** The provider link (its text is the label, its icon a glyph); created only for actions that have one. */
  private link?: HTMLAnchorElement;
  private error?: ErrorPart;
  private approval?: ApprovalPart;
  private readonly id: string;
  private vm: ActionVM;
  /**
   * What the card shows, to write only the parts whose inputs changed (most updates change nothing in most cards):
   * the head's key, the time and its relative text, the summary, and the view models of the optional parts.
   */
  private shown: { head: string; at?: number; time?: string; summary?: string; link?: LinkVM; error?: ActionVM['error']; approval?: ApprovalVM };

  constructor(
    private readonly ctx: Ctx,
    private readonly stageName: string,
    stageId: string,
    vm: ActionVM,
  ) {
    this.vm = vm;
    const id = (this.id = `a-${stageId}-${domId(vm.name)}`);
    const { parts, head } = newCard(ctx.doc, vm);
    this.parts = parts;
    this.el = parts.el;
    // the skeleton's summary is hidden and empty (no summary); its time is neither hidden nor set, which no `at`
    // matches, so the first update writes it
    this.shown = { head, at: NaN, summary: undefined };
    this.el.setAttribute('data-action', vm.name);
    this.el.setAttribute('aria-labelledby', `${id}-name`);
    parts.name.id = `${id}-name`;
    // the component is keyed by the action's name: it never changes
    parts.name.textContent = vm.name;
  }

  private linkPart(): HTMLAnchorElement {
    if (this.link) return this.link;
    const d = this.ctx.doc;
    const a = cloneSkeleton(d, 'provider-link', () => el(d, 'a', { className: glyphClass('link-external', 'provider-link') }));
    this.el.insertBefore(a, this.parts.summary);
    return (this.link = a);
  }

  /** An event inside this card (the page listens once for all: see PipelineView.route). */
  handle(e: Event, target: Element): void {
    const a = this.link;
    if (a?.contains(target)) {
      if (e.type === 'click') {
        e.preventDefault();
        if (this.vm.link && (hostOpens(this.vm.link.kind) || this.ctx.safeUrl(this.vm.link.url))) {
          this.ctx.post({ type: 'open', target: { kind: 'action', stage: this.stageName, action: this.vm.name } });
        }
      } else if (e.type === 'keydown' && (e as KeyboardEvent).key === 'Enter' && !a.hasAttribute('href')) {
        a.click();
      }
      return;
    }
    this.approval?.handle(e, target);
  }

  private errorPart(): ErrorPart {
    if (this.error) return this.error;
    const d = this.ctx.doc;
    const div = cloneSkeleton(d, 'error-details', () =>
      el(d, 'div', { className: glyphClass('error', 'error-details'), attrs: { role: 'note' } }, el(d, 'span', { className: 'error-code' }), el(d, 'span', { className: 'error-message' })),
    );
    const message = div.lastElementChild as HTMLSpanElement;
    const code = message.previousElementSibling as HTMLSpanElement;
    this.el.insertBefore(div, this.parts.summary.nextSibling);
    return (this.error = { el: div, code, message });
  }

  applyBusy(): void {
    this.approval?.applyBusy();
  }

  showResult(ok: boolean, message: string | undefined): void {
    this.approval?.showResult(ok, message);
  }

  update(vm: ActionVM, now: number): void {
    this.vm = vm;
    const shown = this.shown;
    const p = this.parts;

    const head = headKey(vm);
    if (head !== shown.head) {
      writeHead(p, vm);
      shown.head = head;
    }

    const at = vm.lastChange;
    const time = at === undefined ? undefined : relativeTime(at, now);
    if (at !== shown.at || time !== shown.time) {
      setTime(this.ctx, p.time, at, now, ' · ');
      shown.at = at;
      shown.time = time;
    }

    if (vm.summary !== shown.summary) {
      setText(p.summary, vm.summary ?? '');
      setHidden(p.summary, !vm.summary);
      shown.summary = vm.summary;
    }

    // provider link: an href only for https; build and deployment links open through the host even without one
    const link = vm.link;
    if ((link || this.link) && !sameFields(link, shown.link)) {
      const a = this.linkPart();
      const safe = link && this.ctx.safeUrl(link.url) ? link.url : undefined;
      const clickable = link !== undefined && (safe !== undefined || hostOpens(link.kind));
      setHidden(a, !link);
      setText(a, link?.label ?? '');
      setAttr(a, 'href', safe);
      setAttr(a, 'tabindex', clickable && !safe ? '0' : undefined);
      setAttr(a, 'role', clickable && !safe ? 'link' : undefined);
      setAttr(a, 'aria-disabled', link && !clickable ? 'true' : undefined);
      setAttr(a, 'title', link ? `${linkTitle(link.kind, safe)}${link.id && link.id !== link.label ? ` (${link.id})` : ''}` : undefined);
      setAttr(a, 'aria-label', link ? `${linkTitle(link.kind, safe)}: ${link.label}` : undefined);
    }
    shown.link = link;

    if ((vm.error || this.error) && !sameFields(vm.error, shown.error)) {
      const part = this.errorPart();
      setHidden(part.el, !vm.error);
      setText(part.code, vm.error?.code ? `${vm.error.code}: ` : '');
      setText(part.message, vm.error?.message ?? '');
    }
    shown.error = vm.error;

    if (vm.approval && !this.approval) {
      this.approval = new ApprovalPart(this.ctx, this.stageName, vm.name, this.id);
      this.el.appendChild(this.approval.el);
    }
    if (this.approval && !sameFields(vm.approval, shown.approval)) {
      setHidden(this.approval.el, !vm.approval);
      if (vm.approval) this.approval.update(vm.approval);
    }
    shown.approval = vm.approval;
  }
}


function linkTitle(kind: string, url: string | undefined): string {
  switch (kind) {
    case 'build':
      return 'Open the build log';
    case 'deployment':
      return 'Show the deployment';
    case 'commit':
      return url ? 'Open the commit' : 'Commit';
    default:
      return url ? 'Open in the browser' : 'Link (not https: not opened)';
  }
}

// ---------------------------------------------------------------------------------------------------------------

class StageComponent {
  readonly el: HTMLLIElement;
  private readonly transition: HTMLDivElement;
  private readonly transitionIcon: HTMLSpanElement;
  private readonly transitionText: HTMLSpanElement;
  private readonly transitionDetail: HTMLSpanElement;
  private readonly transitionTime: HTMLTimeElement;
  /** Its icon is its own glyph and its text its own (no elements inside). */
  private readonly transitionButton: HTMLButtonElement;
  /** Executions waiting to enter: created the first time there are some. */
  private inbound?: { el: HTMLDivElement; list: HTMLUListElement };
  private readonly inboundItems = new Map<string, { el: HTMLLIElement; icon: HTMLSpanElement; text: HTMLSpanElement }>();
  private readonly statusIcon: HTMLSpanElement;
  private readonly name: HTMLHeadingElement;
  private readonly statusText: HTMLSpanElement;
  private readonly execution: HTMLDivElement;
  /** Retry failed / retry all: created the first time the stage is retryable. */
  private retry?: { el: HTMLDivElement; failed: HTMLButtonElement; all: HTMLButtonElement };
  private readonly message: HTMLDivElement;
  private readonly actionList: HTMLOListElement;
  readonly actions = new Map<string, ActionComponent>();
  /** The stage's name as an id fragment (its actions' ids start with it). */
  private readonly domId: string;
  private vm: StageVM;
  /**
   * A stage not shown yet: its transition and card, out of the document. A first render shows only the stages in
   * view; each of the others is an empty placeholder of a stage's size that keeps its view model, and its parts are
   * written and attached soon after (see PipelineView.buildInView).
   */
  private parked?: DocumentFragment;
  /** How many of its actions have cards: the first render builds only those that reach the window's bottom. */
  private limit: number;
  /** Shown in the first frame, in view: rendered whole even when scrolled out of view (see `.stage.first` in media/pipeline.css). */
  private first = false;

  constructor(
    private readonly ctx: Ctx,
    vm: StageVM,
    build: boolean,
  ) {
    this.vm = vm;
    this.limit = build ? Infinity : 0;
    const d = ctx.doc;
    this.domId = domId(vm.name);
    const id = `s-${this.domId}`;
    this.el = cloneSkeleton(d, 'stage', () =>
      el(
        d,
        'li',
        { className: 'stage' },
        el(
          d,
          'div',
          { className: 'transition' },
          el(
            d,
            'div',
            { className: 'transition-line' },
            icon(d, 'arrow-right'),
            el(d, 'span', { className: 'transition-state' }),
            el(d, 'button', { className: glyphClass('lock', 'secondary small'), attrs: { type: 'button' } }),
          ),
          el(d, 'div', { className: 'transition-info' }, el(d, 'span', { className: 'transition-detail' }), el(d, 'time', { className: 'time' })),
        ),
        el(
          d,
          'div',
          { className: 'stage-card' },
          el(d, 'div', { className: 'stage-head' }, icon(d, 'circle-large-outline'), el(d, 'h2', { className: 'stage-name' }), el(d, 'span', { className: 'status status-text' })),
          el(d, 'div', { className: 'stage-execution' }),
          el(d, 'div', { className: 'op-message', attrs: { role: 'status' } }),
          el(d, 'ol', { className: 'actions' }),
        ),
      ),
    );
    const transition = this.el.firstElementChild as HTMLDivElement;
    const card = transition.nextElementSibling!;
    const line = transition.firstElementChild!;
    const info = line.nextElementSibling!;
    const head = card.firstElementChild!;
    this.transition = transition;
    this.transitionIcon = line.firstElementChild as HTMLSpanElement;
    this.transitionText = this.transitionIcon.nextElementSibling as HTMLSpanElement;
    this.transitionButton = line.lastElementChild as HTMLButtonElement;
    this.transitionDetail = info.firstElementChild as HTMLSpanElement;
    this.transitionTime = info.lastElementChild as HTMLTimeElement;
    this.statusIcon = head.firstElementChild as HTMLSpanElement;
    this.name = this.statusIcon.nextElementSibling as HTMLHeadingElement;
    this.statusText = head.lastElementChild as HTMLSpanElement;
    this.execution = head.nextElementSibling as HTMLDivElement;
    this.message = this.execution.nextElementSibling as HTMLDivElement;
    this.actionList = card.lastElementChild as HTMLOListElement;
    this.el.setAttribute('data-stage', vm.name);
    this.el.setAttribute('aria-labelledby', `${id}-name`);
    this.name.id = `${id}-name`;
    if (!build) {
      this.parked = d.createDocumentFragment();
      this.parked.append(transition, card);
      this.el.className = 'stage pending';
      this.el.setAttribute('aria-busy', 'true');
      this.el.setAttribute('aria-label', vm.name);
    }
  }

  /** An event inside this stage but outside its actions (the page listens once for all: see PipelineView.route). */
  handle(e: Event, target: Element): void {
    if (e.type !== 'click') return;
    // a disabled button gets no click; checked anyway, as this listener is not the button's own
    if (this.transitionButton.contains(target)) {
      if (this.vm.transition && !this.transitionButton.disabled) this.ctx.post({ type: 'setTransition', stage: this.vm.name, enable: !this.vm.transition.enabled });
    } else if (this.retry?.failed.contains(target)) {
      if (!this.retry.failed.disabled) this.retryStage('FAILED_ACTIONS');
    } else if (this.retry?.all.contains(target)) {
      if (!this.retry.all.disabled) this.retryStage('ALL_ACTIONS');
    }
  }

  private retryStage(mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS'): void {
    if (this.vm.executionId && this.vm.retryable) this.ctx.post({ type: 'retryStage', stage: this.vm.name, executionId: this.vm.executionId, mode });
  }

  showResult(ok: boolean, message: string | undefined): void {
    setText(this.message, message ?? '');
    setClassName(this.message, ok ? 'op-message' : 'op-message failed');
  }

  applyBusy(): void {
    if (!this.shown) return;
    const live = this.ctx.state().live;
    if (this.retry) {
      const retryBusy = this.ctx.isBusy(opKey('retryStage', this.vm.name));
      setDisabled(this.retry.failed, retryBusy);
      setDisabled(this.retry.all, retryBusy);
    }
    setDisabled(this.transitionButton, this.ctx.isBusy(opKey('setTransition', this.vm.name)) || !live);
    for (const a of this.actions.values()) a.applyBusy();
  }

  private retryButtons(): { el: HTMLDivElement; failed: HTMLButtonElement; all: HTMLButtonElement } {
    if (this.retry) return this.retry;
    const d = this.ctx.doc;
    const failed = el(d, 'button', { className: glyphClass('debug-rerun', 'secondary small'), text: 'Retry failed', attrs: { type: 'button' } });
    const all = el(d, 'button', { className: glyphClass('refresh', 'secondary small'), text: 'Retry all', attrs: { type: 'button' } });
    const div = el(d, 'div', { className: 'stage-buttons' }, failed, all);
    this.execution.after(div);
    return (this.retry = { el: div, failed, all });
  }

  private inboundPart(): { el: HTMLDivElement; list: HTMLUListElement } {
    if (this.inbound) return this.inbound;
    const d = this.ctx.doc;
    const list = el(d, 'ul', { className: 'inbound-list' });
    const div = el(d, 'div', { className: 'inbound' }, el(d, 'span', { className: 'inbound-label', text: 'Waiting to enter:' }), list);
    this.transition.appendChild(div);
    return (this.inbound = { el: div, list });
  }

  update(vm: StageVM, now: number): void {
    this.vm = vm;
    if (!this.shown) return;
    const d = this.ctx.doc;
    const live = this.ctx.state().live;
    setClassName(this.el, `stage status-${vm.status}${this.first ? ' first' : ''}`);
    setStatusIcon(this.statusIcon, vm.status);
    setText(this.name, vm.name);
    setText(this.statusText, statusLabel(vm.status));
    setAttr(this.statusText, 'title', vm.rawStatus);
    setText(this.execution, vm.executionId ? `Execution ${shortId(vm.executionId)}` : 'No execution yet');
    setAttr(this.execution, 'title', vm.executionId);

    const t = vm.transition;
    setHidden(this.transition, !t);
    const verb = t?.enabled === false ? 'Enable' : 'Disable';
    setAttr(this.transitionButton, 'aria-label', `${verb} the transition into stage ${vm.name}`);
    if (t) {
      setClassName(this.transition, t.enabled ? 'transition enabled' : 'transition disabled');
      setClassName(this.transitionIcon, iconClass(t.enabled ? 'arrow-right' : 'lock'));
      setText(this.transitionText, t.enabled ? 'Transition enabled' : 'Transition disabled');
      const detail = t.enabled ? '' : [t.reason ? `“${t.reason}”` : '', t.by ? `by ${t.by}` : ''].filter(Boolean).join(' ');
      setText(this.transitionDetail, detail);
      setTime(this.ctx, this.transitionTime, t.enabled ? undefined : t.at, now, detail ? ', ' : '');
      setClassName(this.transitionButton, glyphClass(t.enabled ? 'lock' : 'unlock', 'secondary small'));
      setText(this.transitionButton, t.enabled ? 'Disable' : 'Enable');
      setAttr(this.transitionButton, 'title', `${t.enabled ? 'Disable' : 'Enable'} the transition into ${vm.name}`);
      setHidden(this.transitionButton, !live);
    }

    if (vm.inbound.length > 0 || this.inbound) {
      const inbound = this.inboundPart();
      setHidden(inbound.el, vm.inbound.length === 0);
      reconcile(
        inbound.list,
        this.inboundItems,
        vm.inbound,
        (i) => i.executionId,
        () => {
          const ic = icon(d, 'clock');
          const text = el(d, 'span');
          return { el: el(d, 'li', {}, ic, text), icon: ic, text };
        },
        (c, i) => {
          setStatusIcon(c.icon, i.status);
          setText(c.text, `${shortId(i.executionId)} (${statusLabel(i.status)})`);
          setAttr(c.el, 'title', i.executionId);
        },
      );
    }

    if (vm.retryable || this.retry) {
      const retry = this.retryButtons();
      setHidden(retry.el, !vm.retryable || !live);
      setAttr(retry.failed, 'aria-label', `Retry the failed actions of stage ${vm.name}`);
      setAttr(retry.all, 'aria-label', `Retry all actions of stage ${vm.name}`);
    }

    this.updateActions(now);
    this.applyBusy();
  }

  /** Whether the stage is shown with all its action cards. */
  get complete(): boolean {
    return this.shown && this.limit >= this.vm.actions.length;
  }

  get shown(): boolean {
    return this.parked === undefined;
  }

  get viewModel(): StageVM {
    return this.vm;
  }

  /**
   * Shows a stage the first render left for later, from its latest view model, with the cards of its first `limit`
   * actions (all by default; a stage already shown gets the rest). `first`: in the first frame.
   */
  show(limit = Infinity, first = false): void {
    const parked = this.parked;
    if (!parked) {
      if (limit <= this.limit) return;
      this.limit = limit;
      this.updateActions(this.ctx.now());
      this.applyBusy();
      return;
    }
    // written while still out of the document, then attached at once
    this.parked = undefined;
    this.limit = limit;
    this.first = first;
    this.el.removeAttribute('aria-busy');
    this.el.removeAttribute('aria-label');
    this.update(this.vm, this.ctx.now());
    this.el.append(parked);
  }

  private updateActions(now: number): void {
    const name = this.vm.name;
    reconcile(
      this.actionList,
      this.actions,
      this.limit >= this.vm.actions.length ? this.vm.actions : this.vm.actions.slice(0, this.limit),
      (a) => a.name,
      (a) => new ActionComponent(this.ctx, name, this.domId, a),
      (c, a) => c.update(a, now),
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------

class HeaderComponent {
  readonly el: HTMLElement;
  private readonly title: HTMLSpanElement;
  private readonly connection: HTMLSpanElement;
  private readonly startButton: HTMLButtonElement;
  private readonly refreshButton: HTMLButtonElement;
  private readonly consoleButton: HTMLButtonElement;
  readonly banner: HTMLDivElement;
  readonly notice: HTMLDivElement;
  // execution
  private readonly execSection: HTMLElement;
  private readonly picker: HTMLSelectElement;
  private readonly pickerOptions = new Map<string, { el: HTMLOptionElement }>();
  private readonly latestOption: HTMLOptionElement;
  private readonly pastNote: HTMLDivElement;
  private readonly backButton: HTMLButtonElement;
  private readonly statusIcon: HTMLSpanElement;
  private readonly statusText: HTMLSpanElement;
  private readonly statusBadge: HTMLSpanElement;
  private readonly execId: HTMLElement;
  private readonly trigger: HTMLSpanElement;
  private readonly started: HTMLTimeElement;
  private readonly elapsed: HTMLSpanElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly statusSummary: HTMLDivElement;
  private readonly revisions: HTMLUListElement;
  private readonly revisionItems = new Map<string, { el: HTMLLIElement; link: HTMLAnchorElement; linkText: HTMLSpanElement; action: HTMLSpanElement; message: HTMLSpanElement; index: number }>();
  private readonly variables: HTMLDetailsElement;
  private readonly variablesSummary: HTMLElement;
  private readonly variableList: HTMLDListElement;
  private readonly variableItems = new Map<string, { el: HTMLDivElement; value: HTMLElement }>();
  private readonly noExecution: HTMLDivElement;

  constructor(private readonly ctx: Ctx) {
    const d = ctx.doc;
    this.title = el(d, 'span', { className: 'pipeline-name' });
    this.connection = el(d, 'span', { className: 'connection' });
    this.startButton = el(d, 'button', { className: 'primary', attrs: { type: 'button', 'aria-label': 'Start a new execution of this pipeline' } }, icon(d, 'play'), el(d, 'span', { text: 'Start execution' }));
    this.refreshButton = el(d, 'button', { className: 'icon-button', attrs: { type: 'button', 'aria-label': 'Refresh', title: 'Refresh' } }, icon(d, 'refresh'));
    this.consoleButton = el(d, 'button', { className: 'icon-button', attrs: { type: 'button', 'aria-label': 'Open in the AWS console', title: 'Open in the AWS console' } }, icon(d, 'link-external'));
    this.banner = el(d, 'div', { className: 'banner', attrs: { role: 'alert', hidden: '' } });
    this.notice = el(d, 'div', { className: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });

    this.picker = el(d, 'select', { className: 'picker', attrs: { id: 'execution-picker' } });
    this.latestOption = el(d, 'option', { text: 'Latest (live)', attrs: { value: '' } });
    this.picker.appendChild(this.latestOption);
    this.backButton = el(d, 'button', { className: 'link-button', attrs: { type: 'button' } }, el(d, 'span', { text: 'Back to the live view' }));
    this.pastNote = el(d, 'div', { className: 'past-note', attrs: { hidden: '' } }, icon(d, 'history'), el(d, 'span', { text: 'Showing a past execution. ' }), this.backButton);
    this.statusIcon = icon(d, 'circle-large-outline');
    this.statusText = el(d, 'span', { className: 'status-text' });
    this.statusBadge = el(d, 'span', { className: 'status' }, this.statusIcon, this.statusText);
    this.execId = el(d, 'code', { className: 'exec-id' });
    this.trigger = el(d, 'span', { className: 'trigger' });
    this.started = el(d, 'time', { className: 'time' });
    this.elapsed = el(d, 'span', { className: 'elapsed' });
    this.stopButton = el(d, 'button', { className: 'secondary', attrs: { type: 'button', 'aria-label': 'Stop this execution' } }, icon(d, 'debug-stop'), el(d, 'span', { text: 'Stop' }));
    this.statusSummary = el(d, 'div', { className: 'status-summary' });
    this.revisions = el(d, 'ul', { className: 'revisions', attrs: { 'aria-label': 'Source revisions' } });
    this.variablesSummary = el(d, 'summary');
    this.variableList = el(d, 'dl', { className: 'variables-list' });
    this.variables = el(d, 'details', { className: 'variables' }, this.variablesSummary, this.variableList);
    this.noExecution = el(d, 'div', { className: 'no-execution', text: 'This pipeline has not run yet.' });

    this.execSection = el(
      d,
      'section',
      { className: 'execution', attrs: { 'aria-label': 'Execution' } },
      el(
        d,
        'div',
        { className: 'exec-row' },
        el(d, 'label', { className: 'picker-label', text: 'Execution', attrs: { for: 'execution-picker' } }),
        this.picker,
        this.statusBadge,
        this.execId,
        this.stopButton,
      ),
      el(d, 'div', { className: 'exec-meta' }, this.trigger, this.started, this.elapsed),
      this.pastNote,
      this.statusSummary,
      this.revisions,
      this.variables,
      this.noExecution,
    );

    this.el = el(
      d,
      'header',
      { className: 'top' },
      el(
        d,
        'div',
        { className: 'title-row' },
        el(d, 'h1', {}, icon(d, 'rocket'), this.title),
        this.connection,
        el(d, 'div', { className: 'toolbar' }, this.startButton, this.refreshButton, this.consoleButton),
      ),
      this.banner,
      this.notice,
      this.execSection,
    );

    this.startButton.addEventListener('click', () => ctx.post({ type: 'startExecution' }));
    this.refreshButton.addEventListener('click', () => ctx.post({ type: 'refresh' }));
    this.consoleButton.addEventListener('click', () => ctx.post({ type: 'open', target: { kind: 'console' } }));
    this.stopButton.addEventListener('click', () => {
      const id = ctx.state().execution?.id;
      if (id) ctx.post({ type: 'stopExecution', executionId: id });
    });
    this.picker.addEventListener('change', () => {
      const value = this.picker.value;
      ctx.post(value ? { type: 'selectExecution', executionId: value } : { type: 'selectExecution' });
    });
    this.backButton.addEventListener('click', () => ctx.post({ type: 'selectExecution' }));
  }

  applyBusy(): void {
    setDisabled(this.startButton, this.ctx.isBusy(opKey('startExecution')));
    setDisabled(this.stopButton, this.ctx.isBusy(opKey('stopExecution')));
    setDisabled(this.picker, this.ctx.isBusy(opKey('load')));
  }

  update(state: PanelState, now: number): void {
    const d = this.ctx.doc;
    setText(this.title, state.pipelineName);
    setText(this.connection, state.connectionLabel);
    setText(this.banner, state.error ?? '');
    setHidden(this.banner, !state.error);

    reconcile(
      this.picker,
      this.pickerOptions,
      [{ id: '', status: 'unknown' } satisfies ExecutionChoiceVM, ...state.executions],
      (e) => e.id || '\u0000latest',
      (e) => ({ el: e.id ? el(d, 'option', { attrs: { value: e.id } }) : this.latestOption }),
      (c, e) => {
        if (e.id) setText(c.el, pickerLabel(e));
      },
    );
    const selected = state.selectedExecutionId ?? '';
    if (this.picker.value !== selected && (selected === '' || this.pickerOptions.has(selected))) this.picker.value = selected;
    setHidden(this.pastNote, state.live);

    const x = state.execution;
    setHidden(this.noExecution, !!x);
    for (const node of [this.statusBadge, this.execId, this.stopButton, this.trigger, this.started, this.elapsed]) setHidden(node, !x);
    setClassName(this.execSection, `execution status-${x?.status ?? 'unknown'}`);
    if (x) {
      setStatusIcon(this.statusIcon, x.status);
      setText(this.statusText, statusLabel(x.status));
      setAttr(this.statusText, 'title', x.rawStatus);
      setText(this.execId, shortId(x.id));
      setAttr(this.execId, 'title', x.id);
      setText(this.trigger, x.trigger ? `Triggered by ${x.trigger}` : '');
      setHidden(this.trigger, !x.trigger);
      setTime(this.ctx, this.started, x.startTime, now, x.trigger ? ' · started ' : 'Started ');
      const end = x.endTime ?? (x.status === 'running' || x.status === 'waiting' || x.status === 'queued' ? now : x.lastUpdate);
      const el2 = x.startTime !== undefined && end !== undefined ? duration(end - x.startTime) : '';
      setText(this.elapsed, el2 ? ` · ${x.endTime === undefined && end === now ? 'running for' : 'took'} ${el2}` : '');
      setHidden(this.stopButton, !x.stoppable);
    }
    setText(this.statusSummary, x?.statusSummary ?? '');
    setHidden(this.statusSummary, !x?.statusSummary);

    const revisions = x?.revisions ?? [];
    setHidden(this.revisions, revisions.length === 0);
    reconcile(
      this.revisions,
      this.revisionItems,
      revisions.map((r, index) => ({ r, index })),
      ({ r, index }) => `${index}:${r.actionName}`,
      ({ index }) => this.createRevision(index),
      (c, { r }) => this.updateRevision(c, r),
    );

    const vars = x?.variables ?? [];
    setHidden(this.variables, vars.length === 0);
    setText(this.variablesSummary, `Variables (${vars.length})`);
    reconcile(
      this.variableList,
      this.variableItems,
      vars,
      (v) => v.name,
      (v) => {
        const value = el(d, 'dd');
        return { el: el(d, 'div', { className: 'variable' }, el(d, 'dt', { text: v.name }), value), value };
      },
      (c, v) => setText(c.value, v.value),
    );
    this.applyBusy();
  }

  private createRevision(index: number) {
    const d = this.ctx.doc;
    const action = el(d, 'span', { className: 'revision-action' });
    const linkText = el(d, 'span');
    const link = el(d, 'a', { className: 'revision-id' }, icon(d, 'git-commit'), linkText);
    const message = el(d, 'span', { className: 'revision-message' });
    const c = { el: el(d, 'li', {}, action, link, message), link, linkText, action, message, index };
    link.addEventListener('click', (e) => {
      e.preventDefault();
      if (link.hasAttribute('href')) this.ctx.post({ type: 'open', target: { kind: 'revision', index: c.index } });
    });
    return c;
  }

  private updateRevision(c: { link: HTMLAnchorElement; linkText: HTMLSpanElement; action: HTMLSpanElement; message: HTMLSpanElement }, r: RevisionVM): void {
    setText(c.action, `${r.actionName}: `);
    setText(c.linkText, shortRevision(r.revisionId));
    setAttr(c.link, 'title', r.revisionId);
    setAttr(c.link, 'href', isSafeUrl(r.url) ? r.url : undefined);
    setText(c.message, r.summary ? ` ${firstLine(r.summary)}` : '');
    setAttr(c.message, 'title', r.summary);
  }
}

function pickerLabel(e: ExecutionChoiceVM): string {
  const parts = [shortId(e.id), statusLabel(e.status)];
  if (e.startTime !== undefined) parts.push(exactTime(e.startTime).replace(/ \(UTC.*\)$/, ''));
  if (e.label) parts.push(e.label);
  return parts.join(' · ');
}

function shortId(id: string): string {
  return id.length > 13 ? id.slice(0, 8) : id;
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** A name as an id fragment (names may hold anything; ids only what is safe). */
function domId(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return `${name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${(h >>> 0).toString(36)}`;
}

/**
 * How many of a stage's action cards fill `room` px below the stage's top, and a few more: estimated from what each
 * card shows (media/pipeline.css's lines at the editor's usual font size), on the low side, so that the first frame
 * rather builds a card too many than leaves a gap at the window's bottom.
 */
function cardsToFill(actions: readonly ActionVM[], room: number, fontSize: number): number {
  // the heights below are at a 13 px font; a page with another font size has its lines taller or shorter
  room = (room * 13) / (fontSize || 13);
  let height = 56; // the stage's head, above its first card
  let n = 0;
  while (n < actions.length && height < room + 40) {
    const a = actions[n++];
    height += 54; // border, padding, the name line, the meta line and the gap to the next card
    if (a.summary) height += 17;
    if (a.link) height += 17;
    if (a.error) height += 40;
    if (a.approval) height += a.approval.token ? 190 : 17;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------

export class PipelineView {
  private current?: PanelState;
  private receivedAt = 0;
  private readonly busy = new Set<string>();
  private readonly header: HeaderComponent;
  private readonly stageList: HTMLOListElement;
  private readonly loading: HTMLDivElement;
  readonly stages = new Map<string, StageComponent>();
  private readonly ctx: Ctx;
  private readonly clock: () => number;

  constructor(
    doc: Document,
    readonly root: HTMLElement,
    options: ViewOptions,
  ) {
    this.clock = options.clock ?? (() => Date.now());
    const safeUrls = new Map<string, boolean>();
    this.ctx = {
      doc,
      post: (m) => options.post(m),
      now: () => this.now(),
      isBusy: (key) => this.busy.has(key),
      state: () => this.current!,
      times: new TimeFormats(),
      safeUrl: (url): url is string => {
        if (!url) return false;
        let safe = safeUrls.get(url);
        if (safe === undefined) {
          safe = isSafeUrl(url);
          if (safeUrls.size >= 1000) safeUrls.clear();
          safeUrls.set(url, safe);
        }
        return safe;
      },
    };
    this.header = new HeaderComponent(this.ctx);
    this.stageList = el(doc, 'ol', { className: 'stages', attrs: { 'aria-label': 'Stages' } });
    // one listener per kind of event for every stage and action (clicks, Enter on a link without href, typing in a
    // comment box) rather than listeners on each of their buttons and links; in the capture phase, so an event that
    // does not bubble reaches it too
    for (const type of ['click', 'keydown', 'input']) this.stageList.addEventListener(type, (e) => this.route(e), true);
    this.loading = el(doc, 'div', { className: 'loading', attrs: { role: 'status' } }, icon(doc, 'loading~spin'), el(doc, 'span', { text: ' Loading the pipeline…' }));
    root.appendChild(this.loading);
  }

  /** Hands an event in the stage list to the action or stage it happened in. */
  private route(e: Event): void {
    const target = e.target as Element | null;
    if (!target || typeof target.closest !== 'function') return;
    const stageEl = target.closest('li.stage');
    const stage = stageEl ? this.stages.get(stageEl.getAttribute('data-stage') ?? '') : undefined;
    if (!stage || stage.el !== stageEl) return;
    const actionEl = target.closest('li.action');
    if (actionEl && stageEl.contains(actionEl)) {
      const action = stage.actions.get(actionEl.getAttribute('data-action') ?? '');
      if (action?.el === actionEl) action.handle(e, target);
      return;
    }
    stage.handle(e, target);
  }

  /** Host time now: the state's `now` moved on by how long ago it arrived. */
  private now(): number {
    return this.current ? this.current.now + (this.clock() - this.receivedAt) : this.clock();
  }

  get state(): PanelState | undefined {
    return this.current;
  }

  update(state: PanelState): void {
    const first = !this.current;
    this.current = state;
    this.receivedAt = this.clock();
    // without layout to tell which stages are in view, every stage is built before the page is attached
    const view = first ? this.measurable() : undefined;
    this.render(view !== undefined);
    if (first) {
      this.loading.remove();
      this.root.appendChild(this.header.el);
      this.root.appendChild(this.stageList);
      if (view) {
        this.buildInView(state, view);
      } else {
        // the page may get a size later (a webview restored while hidden): scroll then, in a frame
        const w = this.root.ownerDocument.defaultView;
        if (w && typeof w.requestAnimationFrame === 'function') w.requestAnimationFrame(() => this.revealAttention(state));
      }
    }
  }

  /** The page's window when its layout can tell which stages are in view (a DOM without layout, or a page without a size, cannot). */
  private measurable(): (Window & typeof globalThis) | undefined {
    const view = this.root.ownerDocument.defaultView;
    if (!view || typeof view.IntersectionObserver !== 'function' || !(view.innerWidth > 0 && view.innerHeight > 0)) return undefined;
    const box = this.root.getBoundingClientRect();
    return box.width > 0 ? view : undefined;
  }

  /** Whether every stage's action cards exist (a first render builds those out of view soon after). */
  get complete(): boolean {
    for (const s of this.stages.values()) if (!s.complete) return false;
    return true;
  }

  /**
   * The first render builds the action cards of the stages in view only: a long pipeline's other stages would cost
   * the first frame their cards' creation and, once scrolled to, their layout, for nothing it shows. It lays out the
   * page with every stage an empty placeholder (cheap: a header and boxes), scrolls to the stage that needs
   * attention, shows the stages then in view with their cards down to the window's bottom, and leaves the rest to
   * buildLater.
   */
  private buildInView(state: PanelState, view: Window & typeof globalThis): void {
    const stages = [...this.stages.values()];
    const style = view.getComputedStyle(this.stageList);
    const fontSize = parseFloat(style.fontSize);
    // in the narrow layout (stages top to bottom), a shown stage may be shorter or taller than its placeholder, which
    // moves the ones below it: look again until no other stage comes into view; side by side, it is exactly as wide
    const passes = style.flexDirection === 'row' ? 1 : 4;
    for (let pass = 0; pass < passes; pass++) {
      this.revealAttention(state);
      // in view: inside the window and inside the stage list, which scrolls sideways (its overflow is clipped); all
      // measured before any is shown, so that the page is laid out once
      const list = this.stageList.getBoundingClientRect();
      const left = Math.max(0, list.left);
      const right = Math.min(view.innerWidth, list.right);
      const inView: [StageComponent, number][] = [];
      for (const s of stages) {
        if (s.shown) continue;
        const r = s.el.getBoundingClientRect();
        if (r.right > left && r.bottom > 0 && r.left < right && r.top < view.innerHeight) inView.push([s, view.innerHeight - r.top]);
      }
      for (const [s, room] of inView) s.show(cardsToFill(s.viewModel.actions, room, fontSize), true);
      if (inView.length === 0) break;
    }
    this.buildLater(view);
  }

  /**
   * Builds what the first render left: first the rest of the stages in view (their cards below the window's bottom),
   * then the other stages, one or more per idle period, or as soon as one comes into view.
   */
  private buildLater(view: Window & typeof globalThis): void {
    const byElement = new Map<Element, StageComponent>();
    for (const s of this.stages.values()) if (s.shown && !s.complete) byElement.set(s.el, s);
    for (const s of this.stages.values()) if (!s.shown) byElement.set(s.el, s);
    if (byElement.size === 0) return;
    const observer = new view.IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) build(byElement.get(entry.target));
    });
    const build = (s: StageComponent | undefined) => {
      if (!s) return;
      s.show();
      observer.unobserve(s.el);
      byElement.delete(s.el);
      if (byElement.size === 0) observer.disconnect();
    };
    // a stage shown in part is in view already: idle time completes it first, a stage at a time, rather than all of
    // them in the frame after the first
    for (const [e, s] of byElement) if (!s.shown) observer.observe(e);
    const idle = (deadline?: IdleDeadline) => {
      // a page that replaced this view (or a stage list no longer in the document) stops here
      if (!this.stageList.isConnected) return observer.disconnect();
      // one stage at least, more while the idle period has room for another as long as the last one took
      for (const s of byElement.values()) {
        const t0 = view.performance.now();
        build(s);
        const took = view.performance.now() - t0;
        if (!deadline || deadline.timeRemaining() < 2 * took) break;
      }
      if (byElement.size > 0) schedule();
    };
    const schedule = () => {
      if (typeof view.requestIdleCallback === 'function') view.requestIdleCallback(idle, { timeout: 250 });
      else view.setTimeout(() => idle(), 0);
    };
    schedule();
  }

  /** Scrolls the first failed, waiting or running stage into view (first render only: later, scroll is the person's). */
  private revealAttention(state: PanelState): void {
    if (!this.stageList.isConnected) return;
    const order: Status[] = ['failed', 'waiting', 'running'];
    for (const status of order) {
      const stage = state.stages.find((s) => s.status === status);
      const el = stage && this.stages.get(stage.name)?.el;
      if (el && typeof el.scrollIntoView === 'function') {
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        return;
      }
    }
  }

  /** Re-renders relative and elapsed times (called on a timer); writes only the texts that changed. */
  tick(): void {
    if (this.current) this.render();
  }

  /** `placeholders`: a first render that leaves the stages to buildInView, as placeholders until then. */
  private render(placeholders = false): void {
    const state = this.current!;
    const now = this.now();
    this.ctx.times.checkTimeZone(now);
    this.header.update(state, now);
    reconcile(
      this.stageList,
      this.stages,
      state.stages,
      (s) => s.name,
      (s) => new StageComponent(this.ctx, s, !placeholders),
      (c, s) => c.update(s, now),
    );
  }

  setBusy(op: OpName, key: string, busy: boolean): void {
    if (busy) this.busy.add(key);
    else this.busy.delete(key);
    if (!this.current) return;
    this.header.applyBusy();
    for (const s of this.stages.values()) s.applyBusy();
    void op;
  }

  /** Shows an op's outcome next to what it was about (the approval form, the stage), or in the notice line. */
  showResult(op: OpName, key: string, ok: boolean, message: string | undefined): void {
    for (const [stage, s] of this.stages) {
      if (op === 'approval') {
        for (const [action, a] of s.actions) if (opKey('approval', stage, action) === key) return a.showResult(ok, message);
      } else if (key === opKey(op, stage) && (op === 'retryStage' || op === 'setTransition')) {
        return s.showResult(ok, message);
      }
    }
    setText(this.header.notice, message ?? '');
    setClassName(this.header.notice, ok ? 'notice' : 'notice failed');
  }
}
