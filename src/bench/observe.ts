/**
 * Imported first by the benchmark page, so it runs before tfjs and the app modules are
 * evaluated: records long tasks (PerformanceObserver 'longtask', buffered) and a 10 ms
 * heartbeat. The largest gap between heartbeats is the longest time the page could not
 * respond to input during start-up.
 */
export interface LoadObservation {
  longTasks: { start: number; duration: number }[];
  beats: number[];
  observing: boolean;
  stop(): void;
}

function observe(): LoadObservation {
  const obs: LoadObservation = { longTasks: [], beats: [performance.now()], observing: true, stop: () => undefined };
  let po: PerformanceObserver | null = null;
  try {
    po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) obs.longTasks.push({ start: e.startTime, duration: e.duration });
    });
    po.observe({ type: 'longtask', buffered: true });
  } catch {
    obs.observing = false;
  }
  const timer = setInterval(() => obs.beats.push(performance.now()), 10);
  obs.stop = () => {
    clearInterval(timer);
    obs.beats.push(performance.now());
    if (po) {
      for (const e of po.takeRecords()) obs.longTasks.push({ start: e.startTime, duration: e.duration });
      po.disconnect();
    }
  };
  return obs;
}

export const loadObservation: LoadObservation = observe();
