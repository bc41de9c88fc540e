import { alertId, type AlertDraft } from '../alerts/alert';
import { COMPONENT_KEYS, SCALES, type HealthComponent, type ScoredComponent } from './components';

/** A drop of at least this many points from the previous month raises a `health.drop` alert. */
export const DROP_ALERT_POINTS = 10;

/** The score of a month and the components it was computed from. */
export interface HealthScore {
  /** 0–100: earned points ÷ the points of the components that have data × 100, rounded half up; null with none. */
  score: number | null;
  components: HealthComponent[];
  /** The components left out for lack of data (their points are not in the denominator). */
  missing: string[];
}

/**
 * Assembles the score from the components that have data: Σ points ÷ Σ their maxPoints × 100, so a component with
 * no data is left out and the rest rescaled to 100; each component's explanation says when that happened.
 */
export function healthScore(scored: readonly (ScoredComponent | null)[]): HealthScore {
  const present = scored.filter((c): c is ScoredComponent => c !== null);
  const missing = COMPONENT_KEYS.filter((k) => !present.some((c) => c.key === k));
  const max = present.reduce((a, c) => a + c.maxPoints, 0);
  const earned = present.reduce((a, c) => a + c.exactPoints, 0);
  const rescale = missing.length === 0 ? '' : ` Left out for lack of data: ${missing.join(', ')} (${missing.reduce((a, k) => a + SCALES[k].maxPoints, 0)} points); the score is rescaled over ${max} points.`;
  const components = present.map(({ exactPoints: _e, ...c }) => ({ ...c, explanation: c.explanation + rescale }));
  // A tiny epsilon so a score that is exactly x.5 in real numbers rounds up despite binary fractions.
  return { score: max === 0 ? null : Math.min(100, Math.max(0, Math.floor((earned / max) * 100 + 0.5 + 1e-9))), components, missing };
}

/** The change from the previous month's score, or null when either has none. */
export function scoreChange(score: number | null, previousScore: number | null): { previousScore: number; delta: number } | null {
  if (score === null || previousScore === null) return null;
  return { previousScore, delta: score - previousScore };
}

/**
 * The `health.drop` alert of a month whose score fell by {@link DROP_ALERT_POINTS} or more from the previous
 * month's; its id is the same for every evaluation of that user's month, so it is stored once.
 */
export function healthDropAlert(month: string, score: number | null, change: { previousScore: number; delta: number } | null, components: readonly HealthComponent[]): AlertDraft | null {
  if (score === null || change === null || change.delta > -DROP_ALERT_POINTS) return null;
  return {
    id: alertId('health.drop', 'score', month),
    kind: 'health.drop',
    severity: 'warning',
    title: `Financial health dropped ${-change.delta} points in ${month}`,
    message: `Your financial-health score for ${month} is ${score}, down from ${change.previousScore} the month before. See GET /reports/health?month=${month} for what changed.`,
    evidence: { month, score, previousScore: change.previousScore, delta: change.delta, components: components.map((c) => ({ key: c.key, value: c.value, points: c.points, maxPoints: c.maxPoints })) },
  };
}

/** One paragraph on how the score is made (the route's description; the report's `method` gives every boundary). */
export const HEALTH_METHOD_SUMMARY =
  'Components: savings rate (25 points), emergency fund (20), budget adherence (15), spending stability (10), recurring burden (15), goal progress (15), each earning points on a piecewise-linear scale between fixed boundaries. ' +
  `The score is the points earned ÷ the points of the components that have data × 100 (a component without data is left out and the rest rescaled). A drop of ${DROP_ALERT_POINTS} points or more from the previous month raises a \`health.drop\` alert once per month.`;
