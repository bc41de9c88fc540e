/** The financial-health report: pure component scales, the score and its drop alert (no I/O). */
export * from './piecewise';
export * from './components';
export * from './score';
