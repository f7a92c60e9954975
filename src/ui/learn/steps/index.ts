import type { AnyStep } from '../step-types';
import { exactlyOnceStep } from './exactly-once';
import { expectationsStep } from './expectations';
import { goldStep } from './gold';
import { medallionStep } from './medallion';
import { mergeStep } from './merge';
import { optimizeStep } from './optimize';
import { rescuedDataStep } from './rescued-data';
import { scd2Step } from './scd2';
import { timeTravelStep } from './time-travel';
import { vacuumStep } from './vacuum';

/** The walkthrough, in order: the layers first, then Delta's features, then quality and Gold. */
export const STEPS: AnyStep[] = [
  medallionStep,
  exactlyOnceStep,
  rescuedDataStep,
  mergeStep,
  scd2Step,
  timeTravelStep,
  optimizeStep,
  vacuumStep,
  expectationsStep,
  goldStep,
];
