import type { Figure } from './types';

/**
 * A figure as the bench lists it. `load()` requires the figure's module, and with it what the figure imports (the SDK
 * clients, happy-dom, playwright-core: about 4 s of CPU for all seven), which only the process that runs that figure
 * does; index.ts and the other figures' processes load none of it. runFigure.ts checks the module's id, key and title
 * against these.
 */
export interface FigureEntry extends Pick<Figure, 'id' | 'key' | 'title'> {
  load(): Figure;
}

/* eslint-disable @typescript-eslint/no-require-imports -- each figure's module is loaded by the process that runs it */
/** The seven figures of issue 9, in order. */
export const FIGURES: FigureEntry[] = [
  { id: 1, key: 'activation', title: 'Activation: bundle sizes, activate() vs the all-SDK baseline', load: () => (require('./activation') as typeof import('./activation')).activation },
  { id: 2, key: 'firstPaint', title: 'First paint at scale: Pipelines and Builds views vs naive', load: () => (require('./firstPaint') as typeof import('./firstPaint')).firstPaint },
  { id: 3, key: 'steadyState', title: 'Steady state: calls per minute, batched, hidden, unfocused', load: () => (require('./steadyState') as typeof import('./steadyState')).steadyState },
  { id: 4, key: 'cli', title: 'All 1,000 pipeline statuses: service layer vs the aws CLI', load: () => (require('./cli') as typeof import('./cli')).cli },
  { id: 5, key: 'buildLog', title: 'Build log: 100,000 lines, live append, memory', load: () => (require('./buildLog') as typeof import('./buildLog')).buildLog },
  { id: 6, key: 'panel', title: 'Pipeline panel: render 20×10, one-action patch', load: () => (require('./panel') as typeof import('./panel')).panel },
  { id: 7, key: 'sandbox', title: 'Sandbox: GetPipelineState throughput, seeding', load: () => (require('./sandbox') as typeof import('./sandbox')).sandbox },
];
/* eslint-enable @typescript-eslint/no-require-imports */
