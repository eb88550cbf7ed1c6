import { activation } from './activation';
import { panel } from './panel';
import { sandbox } from './sandbox';
import type { Figure } from './types';

/** The seven figures of issue 9, in order. */
export const FIGURES: Figure[] = [activation, panel, sandbox];
