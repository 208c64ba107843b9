import { median } from './audit.js';

/**
 * Fitting the default utilization to published runs: each point is a run whose compute is known independently of
 * its hardware (Epoch AI counted its operations) and states no MFU; `ratio` is that compute over what the hardware
 * could do at 100% (GPU-hours × dense peak), i.e. the run's implied utilization.
 */
export interface UtilizationPoint {
  model: string;
  /** Accelerator generation, for fits per generation. */
  generation: string;
  /** Known compute / (GPU-hours × peak): the utilization that would make the hardware estimate exact. */
  ratio: number;
}

/** |log10(estimate / known)| of the hardware estimate at this utilization. */
export function log10Error(point: UtilizationPoint, utilization: number): number {
  return Math.abs(Math.log10(utilization / point.ratio));
}

export function medianLog10Error(points: readonly UtilizationPoint[], utilization: (point: UtilizationPoint) => number): number {
  return median(points.map((point) => log10Error(point, utilization(point))));
}

/**
 * The default utilization: the median implied utilization, i.e. the geometric median of the ratios. It minimizes
 * the mean |log10 error|; minimizing the median |log10 error| directly (the shortest half of the points) fits the
 * sample slightly better but generalizes worse, being decided by the few points at the edge of that half.
 */
export function fitUtilization(points: readonly UtilizationPoint[]): number {
  return median(points.map((point) => point.ratio));
}

/** One value per generation (falling back to the overall fit for generations with fewer than `minPoints`). */
export function fitPerGeneration(points: readonly UtilizationPoint[], minPoints = 3): (point: UtilizationPoint) => number {
  const overall = fitUtilization(points);
  const byGeneration = new Map<string, UtilizationPoint[]>();
  for (const point of points) byGeneration.set(point.generation, [...(byGeneration.get(point.generation) ?? []), point]);
  const fits = new Map(
    [...byGeneration].filter(([, group]) => group.length >= minPoints).map(([generation, group]) => [generation, fitUtilization(group)]),
  );
  return (point) => fits.get(point.generation) ?? overall;
}

/** Median |log10 error| on each point when the model is fitted without it (leave-one-out cross-validation). */
export function leaveOneOutError(
  points: readonly UtilizationPoint[],
  fitOn: (training: readonly UtilizationPoint[]) => (point: UtilizationPoint) => number,
): number {
  return median(points.map((point, index) => log10Error(point, fitOn(points.filter((_, other) => other !== index))(point))));
}

/** The fit as reported by audit --calibration and the README. */
export interface UtilizationFit {
  /** What the points are. */
  population: string;
  n: number;
  /** The fitted value, rounded to two decimals (the default). */
  utilization: number;
  /** Median |log10(hardware estimate / known compute)| on the points, at the rounded value. */
  inSampleMedianLog10Error: number;
  /** The same, each point predicted by a fit that did not see it. */
  leaveOneOutMedianLog10Error: number;
  /** Leave-one-out error of one value per accelerator generation, the alternative not taken. */
  perGenerationLeaveOneOutMedianLog10Error: number;
}

export function describeFit(points: readonly UtilizationPoint[], population: string): UtilizationFit {
  const utilization = Math.round(fitUtilization(points) * 100) / 100;
  return {
    population,
    n: points.length,
    utilization,
    inSampleMedianLog10Error: medianLog10Error(points, () => utilization),
    leaveOneOutMedianLog10Error: leaveOneOutError(points, (training) => {
      const value = fitUtilization(training);
      return () => value;
    }),
    perGenerationLeaveOneOutMedianLog10Error: leaveOneOutError(points, (training) => fitPerGeneration(training)),
  };
}
