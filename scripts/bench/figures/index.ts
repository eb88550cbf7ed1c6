import { activation } from './activation';
import { buildLog } from './buildLog';
import { cli } from './cli';
import { firstPaint } from './firstPaint';
import { panel } from './panel';
import { steadyState } from './steadyState';
import { sandbox } from './sandbox';
import type { Figure } from './types';

/** The seven figures of issue 9, in order. */
export const FIGURES: Figure[] = [activation, firstPaint, steadyState, cli, buildLog, panel, sandbox];
