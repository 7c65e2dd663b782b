// Runs large sweeps off the main thread, in chunks, reporting progress; the page cancels by
// terminating the worker.
import init, { sweep } from './pkg/landed.js';

const ready = init();

self.onmessage = async (event) => {
  const { id, request, axes } = event.data;
  try {
    await ready;
    const destinations = axes.destinations?.length ? axes.destinations : [request.destination];
    const chunk = 4;
    const rows = [];
    let combinations = 0;
    for (let i = 0; i < destinations.length; i += chunk) {
      const part = sweep(request, { ...axes, destinations: destinations.slice(i, i + chunk) });
      rows.push(...part.rows);
      combinations += part.combinations;
      self.postMessage({ id, progress: Math.min(1, (i + chunk) / destinations.length) });
    }
    const key = (r) => (r.landed_in_request_currency == null ? Infinity : Number(r.landed_in_request_currency));
    rows.sort((a, b) => key(a) - key(b));
    self.postMessage({ id, done: true, result: { rows, combinations, request_currency: request.currency } });
  } catch (error) {
    self.postMessage({ id, done: true, error: { code: error.code || 'E_INTERNAL', message: error.message } });
  }
};
