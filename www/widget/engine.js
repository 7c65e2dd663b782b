// Landed engine for JavaScript: quotes, rate look-ups, search, snapshot loading and the what-if
// tools, computed locally from the tariff snapshot embedded in the WebAssembly module.
//
// Two builds of the engine: `landed_bg.wasm` prices and is what a product page loads;
// `landed_whatif_bg.wasm` adds search, rate look-ups (with the descriptions), `countries` and the
// what-if tools (reverse pricing, sweeps, date comparisons, invoice checks) and is loaded instead
// the first time one is called.
// Requests and answers cross into WebAssembly as JSON text (one serde path keeps the module small).
//
// No DOM access here: this module runs in browsers, Node >= 20, Deno, Web Workers and edge
// runtimes. The WebAssembly is fetched from a URL in browsers and read from disk when the module
// itself is a file (Node, Deno); edge runtimes that forbid compiling bytes pass a precompiled
// `WebAssembly.Module` to `init({ wasm })`. The custom elements live in `elements.js`.

import * as firstGlue from '../pkg/landed.js';

// What a quote says, in words (no DOM): the widget's card and a page rendered at build time.
export { money, datasets, incomplete, wording } from './wording.js';
export { loadLabels } from './labels.js';

/** Where the wasm and the description blob are, unless `init()` says otherwise. */
function packageFile(name) {
  return new URL(`../pkg/${name}`, import.meta.url);
}

const options = { wasm: undefined, whatif: undefined, descriptions: undefined, partTimeout: 15000 };
let withWhatif = false; // true once a what-if tool was asked for: the full module is in use
const compiledModules = { core: null, whatif: null }; // compiled modules, kept to re-instantiate quickly
const RAW = Symbol('landed glue'); // an engine's wasm-bindgen glue module
let generation = 0; // bumped after a trap so the next call gets a fresh instance
let enginePromise = null;
let textPromise = null;
// The snapshot in service, the same for every instance of the engine (the pricing module, the
// what-if module, a fresh instance after a trap): `bytes` null is the one built into the engine;
// `parts` and `descriptions` say where its parts and description blob are published. `epoch`
// counts its changes: work started under an earlier snapshot (a part download, a superseded
// `loadSnapshot`) is dropped, never applied to the one in service (audit-oo OO1-OO6).
const snapshot = { epoch: 0, bytes: null, parts: null, descriptions: null };
let snapshotTicket = 0; // the latest loadSnapshot/useEmbeddedSnapshot call: only it may change the snapshot
// Raw glue → `{ epoch, parts }`: the snapshot an instance holds and the part files attached to it.
// An instance is brought to the snapshot in service before each call (`inService`), and a part is
// attached to the instance that asks for it when its download ends, not to the one that started
// the download (a page switching to the what-if module meanwhile would miss it: stop 33's CI).
const instances = new WeakMap();
const parts = new Map(); // part file name → bytes fetched and checked under the snapshot in service
const partPromises = new Map(); // part file name → its download in flight (under the snapshot in service)

/**
 * Says when the snapshot in service changed (`loadSnapshot`, `useEmbeddedSnapshot`): a `change`
 * event whose `snapshotId` is the new snapshot's id. The elements re-price on it.
 */
export const snapshotEvents = new EventTarget();

/** Why a piece of work is dropped: the snapshot changed while it ran (asked again by its caller). */
const SNAPSHOT_CHANGED = Symbol('the snapshot changed');

function landedError(code, field, message) {
  return Object.assign(new Error(message), { code, field });
}

/** What a JS value is, for an error message: `number`, `null`, `array`, … */
function typeName(value) {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Checks a caller's argument before it reaches the engine: a value of the wrong type is
 * `E_INVALID_FIELD` naming the argument (the engine checks again at its boundary), never an
 * internal error that throws the engine away.
 */
function expectArgument(value, name, ok, expected) {
  if (!ok(value)) throw landedError('E_INVALID_FIELD', name, `${name}: expected ${expected}, got ${typeName(value)}`);
  return value;
}
const isText = (value) => typeof value === 'string';
const isOptionalText = (value) => value === undefined || value === null || typeof value === 'string';
/** A request, axes or bill: JSON text or an object (written as JSON here). */
const isJson = (value) => typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value));
const expectRequest = (request) => expectArgument(request, 'request', isJson, 'a JSON string or an object');

/** A URL for a string, a URL, or a file path (Node and Deno, relative to the working folder). */
function urlOf(source) {
  if (source instanceof URL) return source;
  const text = String(source);
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z]:[\\/]/i.test(text)) return new URL(text);
  if (globalThis.location?.href) return new URL(text, globalThis.location.href);
  const cwd = globalThis.process?.cwd?.() ?? '/';
  return new URL(text.replace(/\\/g, '/'), `file://${cwd.replace(/\\/g, '/').replace(/\/?$/, '/')}`);
}

async function readFileUrl(url) {
  // A computed specifier keeps browser bundlers from trying to resolve a Node module.
  const fs = 'node:fs/promises';
  const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fs);
  return new Uint8Array(await readFile(url));
}

/** A download that failed before any answer (offline, DNS, a blocked or reset connection: fetch
 * rejects with a TypeError such as "Failed to fetch") as the typed `E_IO`, saying offline when
 * the browser says so. */
function fetched(url, init, what) {
  return fetch(url, init).catch((e) => {
    if (init?.signal?.aborted) throw timedOut(what, init.timeout);
    const why = globalThis.navigator?.onLine === false ? 'the device is offline' : `the network request failed: ${e.message}`;
    throw landedError('E_IO', null, `cannot load ${what} (${why})`);
  });
}

const timedOut = (what, ms) => landedError('E_IO', null, `cannot load ${what} (no answer within ${ms / 1000} s)`);

/** The bytes of a URL, path, Response, ArrayBuffer or typed array (a download stopped after
 * `timeout` ms, if given). */
async function bytesOf(source, what, timeout) {
  let signal;
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  let response = source;
  if (!(typeof Response === 'function' && source instanceof Response)) {
    const url = urlOf(source);
    if (url.protocol === 'file:') {
      try {
        return await readFileUrl(url);
      } catch (e) {
        throw landedError('E_IO', null, `cannot read ${what} from ${url.pathname}: ${e.message}`);
      }
    }
    signal = timeout > 0 ? AbortSignal.timeout(timeout) : undefined;
    response = await fetched(url, { signal, timeout }, what);
  }
  if (!response.ok) throw landedError('E_IO', null, `cannot load ${what} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer().catch((e) => {
    throw signal?.aborted ? timedOut(what, timeout) : e;
  }));
}

async function compile(whatif) {
  const source = whatif ? options.whatif ?? packageFile('landed_whatif_bg.wasm') : options.wasm ?? packageFile('landed_bg.wasm');
  if (source instanceof WebAssembly.Module) return source;
  const isLink = typeof source === 'string' || source instanceof URL;
  if (isLink && urlOf(source).protocol !== 'file:' && typeof WebAssembly.compileStreaming === 'function') {
    // Same mode as a page's <link rel=preload as=fetch crossorigin>, so the preload is reused.
    const response = await fetched(urlOf(source), { mode: 'cors', credentials: 'same-origin' }, 'the engine');
    if (!response.ok) throw landedError('E_IO', null, `cannot load the engine (HTTP ${response.status})`);
    if ((response.headers.get('content-type') || '').startsWith('application/wasm')) {
      return WebAssembly.compileStreaming(response);
    }
    return WebAssembly.compile(await response.arrayBuffer());
  }
  return WebAssembly.compile(await bytesOf(source, 'the engine'));
}

async function instantiate() {
  // Which module and which copy of its glue, read once: `useWhatif` may switch modules while this
  // one compiles, and the pricing module must never be given the what-if glue (audit-oo OO16).
  const whatif = withWhatif;
  const instance = generation;
  const kind = whatif ? 'whatif' : 'core';
  const compiled = (compiledModules[kind] ??= await compile(whatif));
  // The first instance uses the statically imported glue; after a trap a query string gives a
  // fresh copy of the glue module, hence a fresh module instance.
  const file = whatif ? 'landed_whatif.js' : 'landed.js';
  const glue = instance || whatif ? await import(new URL(`../pkg/${file}${instance ? `?instance=${instance}` : ''}`, import.meta.url).href) : firstGlue;
  await glue.default({ module_or_path: compiled });
  instances.delete(glue); // a fresh instance (the glue module object may be reused) holds nothing yet
  inService(glue);
  return facade(glue);
}

/** Answers that come back from WebAssembly as JSON text. */
const JSON_ANSWERS = new Set(['quote', 'rate', 'search', 'snapshotInfo', 'countries', 'destinations', 'missingParts', 'missingPartsFor',
  'reverse', 'sweep', 'compareDates', 'catalogueDiff', 'invoiceCheck']);

/**
 * The engine handed to callers (`prepare`, `ready`): the glue's functions taking and returning
 * plain values (JSON in between), a trap becoming an `E_INTERNAL` error.
 */
function facade(glue) {
  const engine = { [RAW]: glue };
  for (const [name, value] of Object.entries(glue)) {
    if (typeof value === 'function' && name !== 'default' && name !== 'initSync') {
      engine[name] = (...args) => call(glue, name, ...args);
    }
  }
  return engine;
}

/** A request or other argument as the JSON text the engine reads. */
function jsonArgument(value) {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  try {
    return JSON.stringify(value);
  } catch (e) {
    throw landedError('E_JSON', null, `the request cannot be written as JSON: ${e.message}`);
  }
}

/** The destination of a request given as an object or a JSON string. */
function destinationOf(request) {
  if (typeof request !== 'string') return request?.destination;
  try {
    return JSON.parse(request).destination;
  } catch {
    return undefined; // the engine reports the malformed JSON
  }
}

/**
 * Loads the engine and every part that quotes to these destinations may need (all chapters of
 * their tariffs: for look-ups, search and the what-if tools, which take any code). The module
 * carries the rules, VAT and exchange rates; each part (a run of chapters of a tariff, a data file,
 * a year of daily rates) is a content-addressed file beside it (`landed-part-….bin`, or beside a
 * snapshot given to `loadSnapshot`), fetched once and checked against the hash the snapshot names.
 * Resolves to the engine for `quoteNow`. A product page uses `prepareRequest`, which fetches less.
 */
export async function prepare(...destinations) {
  const wanted = new Set(destinations.flat().filter((d) => typeof d === 'string' && d));
  return underSnapshot(async (glue) => {
    await fetchParts(glue, [...wanted].flatMap((destination) => call(glue, 'missingParts', destination)));
    return glue;
  });
}

/** Rounds of `missingPartsFor` a request may take: a part can name another once it is here. */
const MAX_PART_ROUNDS = 4;

/**
 * Loads the engine and only the parts one request needs: the chapter parts of its codes in the
 * destination's tariff, the destination's data files, and the years of daily ECB rates it converts
 * with (none when it prices in the customs currency). Some parts are known only once others are
 * attached (an HS 2022 code correlated into another chapter, an earlier year of rates), so the
 * engine is asked again until it names nothing.
 */
export async function prepareRequest(request) {
  expectRequest(request);
  const text = typeof request === 'string' ? request : jsonArgument(request);
  return underSnapshot(async (glue) => {
    for (let round = 0; round < MAX_PART_ROUNDS; round++) {
      const missing = call(glue, 'missingPartsFor', text);
      if (missing.length === 0) break;
      try {
        await fetchParts(glue, missing);
      } catch (e) {
        // The destination whose data is missing, with the part and why (E_IO: not downloaded).
        if (e?.code !== 'E_IO') throw e;
        throw landedError('E_IO', null, `the rates for ${destinationOf(request) ?? 'this destination'} could not be loaded: ${e.message}`);
      }
    }
    return glue;
  });
}

/** As `prepare`, with the what-if tools (loads the full module instead of the pricing one). */
export async function prepareWhatif(...destinations) {
  await useWhatif();
  return prepare(...destinations);
}

/** Switches to the module with the what-if tools (once); the snapshot and parts carry over. */
async function useWhatif() {
  if (!withWhatif) {
    withWhatif = true;
    enginePromise = null;
    textPromise = null;
  }
  return ready();
}

/**
 * Brings an instance to the snapshot in service (a fresh instance holds the built-in one) with
 * every part fetched under it, and returns what it holds. A part it refuses is dropped from the
 * cache, to be fetched again, never kept to fail every later instance (audit-oo OO4).
 */
function inService(glue) {
  const held = instances.get(glue);
  if (held?.epoch === snapshot.epoch) return held;
  if (snapshot.bytes) invoke(glue, 'loadSnapshot', snapshot.bytes);
  else if (held) invoke(glue, 'useEmbeddedSnapshot');
  const now = { epoch: snapshot.epoch, parts: new Set() };
  instances.set(glue, now);
  for (const [file, bytes] of parts) {
    try {
      attachTo(glue, now, file, bytes);
    } catch {
      parts.delete(file);
      partPromises.delete(file);
    }
  }
  return now;
}

/** Attaches a part's bytes to one instance, once (the engine checks the part's hash). */
function attachTo(glue, held, file, bytes) {
  if (held.parts.has(file)) return;
  invoke(glue, 'attachPart', bytes);
  held.parts.add(file);
}

/** Downloads one part of the snapshot in service, within `partTimeout` ms (audit-oo OO17). */
function downloadPart(file) {
  const url = snapshot.parts ? new URL(file, snapshot.parts) : packageFile(file);
  const load = bytesOf(url, `the snapshot part ${file}`, options.partTimeout);
  const entry = load.catch((e) => {
    if (partPromises.get(file) === entry) partPromises.delete(file); // fetched again next time
    throw e;
  });
  partPromises.set(file, entry);
  return entry;
}

/**
 * Fetches parts (`[{file}]`), each once, and attaches them to `engine`'s instance (each once per
 * instance). Every part that failed is named and fetched again next time, not one per try
 * (audit-oo OO12). Throws `SNAPSHOT_CHANGED` when the snapshot changed meanwhile: what was
 * fetched belongs to the previous one, and the caller asks again (audit-oo OO2).
 */
async function fetchParts(engine, wanted) {
  const epoch = snapshot.epoch;
  const files = [...new Set(wanted.map(({ file }) => file))];
  const downloads = files.map((file) => partPromises.get(file) ?? downloadPart(file));
  const results = await Promise.allSettled(downloads);
  if (snapshot.epoch !== epoch) throw SNAPSHOT_CHANGED;
  const glue = engine[RAW] ?? engine;
  const held = inService(glue);
  const failures = [];
  files.forEach((file, i) => {
    const { status, value, reason } = results[i];
    if (status === 'fulfilled') {
      try {
        attachTo(glue, held, file, value);
        parts.set(file, value);
        return;
      } catch (e) {
        failures.push({ file, error: landedError(e.code ?? 'E_SNAPSHOT', e.field ?? null, `the snapshot part ${file} is damaged: ${e.message}`) });
      }
    } else {
      failures.push({ file, error: reason });
    }
    if (partPromises.get(file) === downloads[i]) partPromises.delete(file); // fetched again next time
  });
  if (failures.length) {
    // A new error: a download's own error is shared by every caller that waited on it. Damaged
    // parts are each named (a download that failed says why in the first's words).
    const [{ error }, ...more] = failures;
    const damaged = more.filter((f) => f.error?.code === 'E_SNAPSHOT');
    const others = damaged.length ? ` (and ${damaged.length} more damaged part${damaged.length > 1 ? 's' : ''}: ${damaged.map((f) => f.file).join(', ')})` : '';
    throw landedError(error?.code ?? 'E_IO', error?.field ?? null, `${error?.message ?? error}${others}`);
  }
}

/** Runs `work(engine)` on the engine in service, again (up to 3 times) if the snapshot changed meanwhile. */
async function underSnapshot(work) {
  for (let attempt = 0; ; attempt++) {
    const glue = await ready();
    try {
      return await work(glue);
    } catch (e) {
      if (e !== SNAPSHOT_CHANGED) throw e;
      if (attempt >= 3) throw landedError('E_STATE', 'snapshot', 'the snapshot kept changing while its parts were loading');
    }
  }
}

/**
 * Sets where the engine comes from, before the first call: `wasm` (a URL, a path, bytes, a
 * `Response` or a compiled `WebAssembly.Module`), `whatif` (the same, for the module with the
 * what-if tools, `landed_whatif_bg.wasm`), `descriptions` (the same, for `landed-text.bin`) and
 * `partTimeout` (ms a part download may take before it fails with `E_IO`; 15,000 by default).
 * Returns `ready()`.
 */
export function init(settings = {}) {
  if (compiledModules.core || enginePromise) {
    if (settings.wasm !== undefined && settings.wasm !== options.wasm) {
      throw landedError('E_STATE', 'wasm', 'init({ wasm }) must come before the engine is loaded');
    }
  }
  if (settings.wasm !== undefined) options.wasm = settings.wasm;
  if (settings.whatif !== undefined) options.whatif = settings.whatif;
  if (settings.descriptions !== undefined) options.descriptions = settings.descriptions;
  if (settings.partTimeout !== undefined) {
    const ms = expectArgument(settings.partTimeout, 'partTimeout', (t) => Number.isFinite(t) && t > 0, 'a number of milliseconds above 0');
    options.partTimeout = ms;
  }
  return ready();
}

/** Resolves when the engine is loaded (fetch or read, compile, instantiate). */
export function ready() {
  enginePromise ??= instantiate().catch((e) => {
    enginePromise = null;
    throw e;
  });
  return enginePromise;
}

/** Calls the engine holding the snapshot in service; a trap (a bug) becomes an E_INTERNAL error
 * and a fresh instance. */
function call(engine, name, ...args) {
  const glue = engine[RAW] ?? engine;
  if (typeof glue[name] !== 'function') {
    throw landedError('E_UNSUPPORTED', null, `this engine build has no ${name}()`);
  }
  inService(glue);
  return invoke(glue, name, ...args);
}

/** Calls one instance as it is (`call` brings it to the snapshot in service first). */
function invoke(glue, name, ...args) {
  if (typeof glue[name] !== 'function') {
    throw landedError('E_UNSUPPORTED', null, `this engine build has no ${name}()`);
  }
  try {
    const answer = glue[name](...args.map(jsonArgument));
    return JSON_ANSWERS.has(name) ? JSON.parse(answer) : answer;
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      let message = e.message;
      try {
        message = glue.lastPanic() || message;
      } catch {
        // the instance is unusable; the message from the trap is all we have
      }
      generation += 1;
      enginePromise = null;
      textPromise = null;
      throw landedError('E_INTERNAL', null, `internal error in the engine: ${message}`);
    }
    if (e && typeof e === 'object' && 'code' in e) throw e;
    throw landedError('E_INTERNAL', null, String(e && e.message ? e.message : e));
  }
}

/**
 * Attaches the tariff descriptions (needed by `search` and for descriptions in `rate`); by default
 * `landed-text.bin` beside the engine. The engine checks them against the snapshot's hash.
 */
export async function loadDescriptions(source) {
  await useWhatif(); // descriptions are read by rate and search, in the full module
  if (source !== undefined) {
    options.descriptions = source;
    textPromise = null;
  }
  return underSnapshot(async (glue) => {
    const epoch = snapshot.epoch;
    textPromise ??= (async () => {
      const bytes = await bytesOf(descriptionsSource(), 'tariff descriptions');
      if (snapshot.epoch !== epoch) throw SNAPSHOT_CHANGED;
      call(glue, 'loadDescriptions', bytes);
    })().catch((e) => {
      textPromise = null;
      throw e;
    });
    await textPromise;
    return glue;
  });
}

/** The description blob of the snapshot in service: a loaded snapshot's own (beside it, or as
 * `loadSnapshot` was told), else `init({ descriptions })`'s or the one beside the engine. */
function descriptionsSource() {
  if (snapshot.bytes && snapshot.descriptions) return snapshot.descriptions;
  return options.descriptions ?? packageFile('landed-text.bin');
}

/**
 * Replaces the embedded snapshot with another one (a URL, path, bytes or `Response`), e.g. a newer
 * tariff published after this package. Returns the new snapshot's `snapshotInfo()`. Options:
 * `timeout` (ms: a download not done by then rejects with `E_IO`); `parts` (a URL: where the
 * snapshot's parts are published; by default beside the snapshot's URL, or beside the engine for
 * bytes); `descriptions` (its `landed-text.bin`: a URL, path or bytes; by default beside it).
 * The call made last wins: an earlier one still downloading rejects with `E_STATE` (`superseded`
 * set) and changes nothing. A damaged snapshot is `E_SNAPSHOT` and the one in service stays.
 */
export async function loadSnapshot(source, { timeout, parts: partsUrl, descriptions } = {}) {
  const ticket = ++snapshotTicket;
  const first = await ready();
  if (typeof first[RAW].loadSnapshot !== 'function') {
    throw landedError('E_UNSUPPORTED', null, 'this engine build cannot load snapshots (no loadSnapshot binding)');
  }
  const bytes = await bytesOf(source, 'the snapshot', timeout);
  // The engine in service now, not the one before the download (a module switch or a trap may
  // have replaced it: audit-oo OO1, OO3).
  const glue = (await ready())[RAW];
  if (ticket !== snapshotTicket) throw superseded();
  invoke(glue, 'loadSnapshot', bytes);
  const url = typeof source === 'string' || source instanceof URL ? urlOf(source) : source?.url ? new URL(source.url) : null;
  const base = partsUrl !== undefined ? urlOf(partsUrl) : url;
  changeSnapshot(glue, { bytes, parts: base, descriptions: descriptions ?? (base ? new URL('landed-text.bin', base) : null) });
  return invoke(glue, 'snapshotInfo');
}

/** Goes back to the snapshot compiled into the engine; resolves to its `snapshotInfo()`. */
export async function useEmbeddedSnapshot() {
  const ticket = ++snapshotTicket;
  const glue = (await ready())[RAW];
  if (ticket !== snapshotTicket) throw superseded();
  invoke(glue, 'useEmbeddedSnapshot');
  changeSnapshot(glue, { bytes: null, parts: null, descriptions: null });
  return invoke(glue, 'snapshotInfo');
}

const superseded = () => Object.assign(
  landedError('E_STATE', 'snapshot', 'superseded by a later loadSnapshot or useEmbeddedSnapshot call; the later one is used'),
  { superseded: true },
);

/** Puts a snapshot (already in `glue`) in service for every instance, and says so. */
function changeSnapshot(glue, next) {
  Object.assign(snapshot, next, { epoch: snapshot.epoch + 1 });
  instances.set(glue, { epoch: snapshot.epoch, parts: new Set() });
  parts.clear();
  partPromises.clear();
  textPromise = null;
  const event = Object.assign(new Event('change'), { snapshotId: invoke(glue, 'snapshotInfo').snapshot_id });
  snapshotEvents.dispatchEvent(event);
}

/** Prices a request (same JSON as `landed quote`). */
export async function quote(request) {
  return call(await prepareRequest(request), 'quote', request);
}

/** Prices synchronously once `prepare(destination)` has resolved (hot paths such as re-pricing a page). */
export function quoteNow(glue, request) {
  expectRequest(request);
  return call(glue, 'quote', request);
}

/** Looks up a code: `rate('DE', '22042109', '2026-03-01')`. Loads descriptions first. */
export async function rate(destination, code, date) {
  // A code given as a number is refused, not turned into text: 0402 or 0101 would lose a digit.
  expectArgument(destination, 'destination', isText, 'a string');
  expectArgument(code, 'code', isText, 'a string (an HS code such as "22042109")');
  expectArgument(date, 'date', isOptionalText, 'a string (YYYY-MM-DD) or nothing');
  await useWhatif(); // look-ups are in the full module (pricing pages do not need the descriptions)
  // The parts a one-line quote of the code needs: its chapter part (and what it correlates into),
  // not the whole tariff; the invalid code or destination is reported by the look-up itself (the
  // request made here names them as a quote's fields: `lines[0].code`), a part not loaded is not.
  try {
    await prepareRequest({ destination, currency: 'EUR', date: date ?? today(),
      lines: [{ id: 'rate', code, quantity: '1', unit_price: '0' }] });
  } catch (e) {
    if (['E_IO', 'E_INTERNAL', 'E_SNAPSHOT', 'E_STATE', 'E_UNSUPPORTED'].includes(e?.code)) throw e;
  }
  return call(await loadDescriptions(), 'rate', destination, code, date ?? undefined);
}

/** Suggests codes for a description: `search('cotton t-shirt', 'GB')`. */
export async function search(text, destination, limit) {
  expectArgument(text, 'text', isText, 'a string');
  expectArgument(destination, 'destination', isText, 'a string');
  await useWhatif(); // search is in the full module (pricing pages do not need its index)
  await prepare(destination, 'HS');
  return call(await loadDescriptions(), 'search', text, destination, limit ?? undefined);
}

/** Net price for an all-in target (one line: that price; a cart: one factor on every price). */
export async function reverse(request, target, charm, policy) {
  expectRequest(request);
  expectArgument(target, 'target', (t) => typeof t === 'string' || typeof t === 'number', 'a decimal string or a number');
  await useWhatif();
  return call(await prepare(destinationOf(request)), 'reverse', request, String(target), charm ?? undefined, policy ?? undefined);
}

/** One cart across destinations, origins, dates, channels, incoterms and codes. */
export async function sweep(request, axes) {
  expectRequest(request);
  expectArgument(axes, 'axes', isJson, 'a JSON string or an object');
  await useWhatif();
  return call(await prepare(destinationOf(request), axes?.destinations ?? []), 'sweep', request, axes);
}

/** The same cart on two dates and every levy that changed. */
export async function compareDates(request, before, after) {
  expectRequest(request);
  await useWhatif();
  return call(await prepare(destinationOf(request)), 'compareDates', request, before, after);
}

/** The lines of a request (as SKUs) whose duty changes between two dates. */
export async function catalogueDiff(request, before, after) {
  expectRequest(request);
  await useWhatif();
  return call(await prepare(destinationOf(request)), 'catalogueDiff', request, before, after);
}

/** What a carrier billed against the recomputed quote. */
export async function invoiceCheck(request, billed) {
  expectRequest(request);
  expectArgument(billed, 'billed', isJson, 'a JSON string or an object');
  await useWhatif();
  return call(await prepare(destinationOf(request)), 'invoiceCheck', request, billed);
}

/**
 * Supported destinations and what is covered for each. It lists every destination's thresholds,
 * fees and VAT rates, so it first fetches those tables' destination parts a product page leaves
 * out (`missingParts('*')`: not the VAT classes, excise or trade remedies it does not show).
 */
export async function countries(date) {
  await useWhatif(); // in the full module (no product page lists every destination)
  const glue = await underSnapshot(async (engine) => {
    await fetchParts(engine, call(engine, 'missingParts', '*'));
    return engine;
  });
  return call(glue, 'countries', date ?? undefined);
}

/**
 * The destinations supported on a date, `[{country, name}]`, as `countries` lists them: what a
 * destination picker needs, with no part to fetch.
 */
export async function destinations(date) {
  return call(await ready(), 'destinations', date ?? undefined);
}

/** The snapshot in use: id, tables, sources. */
export async function snapshotInfo() {
  return call(await ready(), 'snapshotInfo');
}

/** Today as YYYY-MM-DD in the local time zone (the shopper's day, not UTC's). */
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
