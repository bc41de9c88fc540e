/** Savings goals: progress, status, the feasibility of reaching the target by its date, and the cut that would. */
export * from './feasibility';
export * from './progress';
export * from './suggestion';
export * from './goal';
