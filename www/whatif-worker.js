// Runs large sweeps off the main thread, in chunks, reporting progress; the page cancels by
// terminating the worker.
import { prepareWhatif } from './widget/engine.js';

self.onmessage = async (event) => {
  const { id, request, axes } = event.data;
  try {
    const destinations = axes.destinations?.length ? axes.destinations : [request.destination];
    const glue = await prepareWhatif(request.destination, destinations);
    const chunk = 4;
    const rows = [];
    let combinations = 0;
    for (let i = 0; i < destinations.length; i += chunk) {
      const part = glue.sweep(request, { ...axes, destinations: destinations.slice(i, i + chunk) });
      rows.push(...part.rows);
      combinations += part.combinations;
      self.postMessage({ id, progress: Math.min(1, (i + chunk) / destinations.length) });
    }
    // The engine's ranking across chunks: complete quotes first, cheapest first on what the buyer
    // pays in all; an incomplete quote (a lower bound) never ranks above a complete one.
    const key = (r) => (r.buyer_total_in_request_currency == null ? Infinity : Number(r.buyer_total_in_request_currency));
    const rank = (r) => (r.complete && r.buyer_total_in_request_currency != null ? 0 : 1);
    rows.sort((a, b) => rank(a) - rank(b) || key(a) - key(b));
    self.postMessage({ id, done: true, result: { rows, combinations, request_currency: request.currency } });
  } catch (error) {
    self.postMessage({ id, done: true, error: { code: error.code || 'E_INTERNAL', message: error.message } });
  }
};
