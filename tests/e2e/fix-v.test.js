// End-to-end tests of fix-v (audit-s S11's residues, /work/findings/audit-s.md): the wasm exports
// answer text that is no request, a destination the engine does not know and a JS string that is
// not Unicode text with a typed error, never "nothing missing", every part of the nomenclature or a
// silent U+FFFD. Node only (no browser): the raw glue of www/pkg and the npm entry (widget/engine.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const PKG = new URL('../../www/pkg/', import.meta.url);

/** The raw glue of the pricing module, instantiated once. */
async function glue() {
  const g = await import(new URL('landed.js', PKG).href);
  g.initSync({ module: readFileSync(new URL('landed_bg.wasm', PKG)) });
  return g;
}

/** The raw glue of the full module (search, rate look-ups, the what-if tools), instantiated. */
async function fullGlue() {
  const g = await import(new URL('landed_whatif.js', PKG).href);
  g.initSync({ module: readFileSync(new URL('landed_whatif_bg.wasm', PKG)) });
  return g;
}

/** `f()`'s answer, or its error's code, field and message (and whether it was a trap). */
function caught(f) {
  try {
    return { value: f() };
  } catch (e) {
    return { code: e.code, field: e.field, message: e.message, trap: e instanceof WebAssembly.RuntimeError };
  }
}

/** A French request as JSON text with `id` as the line id, written by hand (JSON.stringify would
 * escape a lone surrogate as \ud800, which the decoder refuses itself). */
const frenchText = (id) => `{"destination":"FR","date":"2026-03-02","currency":"EUR","origin":"CN","lines":[{"id":"${id}","code":"6109100010","quantity":"2","unit_price":"10"}]}`;

test('missingPartsFor of text that is no request is its typed error, as quote gives it', async () => {
  const g = await glue();
  for (const text of ['{', '', '42', '{"destination":"FR"}']) {
    const missing = caught(() => g.missingPartsFor(text));
    const quoted = caught(() => g.quote(text));
    assert.equal(missing.value, undefined, `${JSON.stringify(text)}: ${missing.value}`);
    assert.deepEqual([missing.code, missing.field, missing.message, missing.trap], [quoted.code, quoted.field, quoted.message, false], JSON.stringify(text));
  }
  assert.equal(caught(() => g.missingPartsFor('{')).code, 'E_JSON');
  assert.ok(Array.isArray(JSON.parse(g.missingPartsFor(frenchText('a')))), 'a request still gets its list');
});

test('missingParts of a destination the engine does not know is E_UNSUPPORTED_DESTINATION', async () => {
  const g = await glue();
  for (const d of ['ZZ', '', 'XX1', 'EU ']) {
    const e = caught(() => g.missingParts(d));
    assert.deepEqual([e.code, e.field, e.trap], ['E_UNSUPPORTED_DESTINATION', 'destination', false], `${JSON.stringify(d)}: ${JSON.stringify(e)}`);
  }
  assert.match(caught(() => g.missingParts('ZZ')).message, /"ZZ" is not a supported destination: give one of .*\bDE\b/);
  // Read as a request's destination is: any case, spaces around it.
  assert.deepEqual(JSON.parse(g.missingParts(' de ')), JSON.parse(g.missingParts('DE')));
  for (const d of ['*', 'FX', 'HS', 'GB', 'US']) assert.ok(Array.isArray(JSON.parse(g.missingParts(d))), d);
});

test('a lone surrogate in a JS string is E_JSON naming the argument and its position, never U+FFFD', async () => {
  const g = await glue();
  const text = frenchText('a\ud800');
  const at = text.indexOf('\ud800');
  for (const [name, f] of [['quote', () => g.quote(text)], ['missingPartsFor', () => g.missingPartsFor(text)]]) {
    const e = caught(f);
    assert.deepEqual([e.code, e.field, e.trap], ['E_JSON', 'request', false], `${name}: ${JSON.stringify(e)}`);
    assert.equal(e.message, `request holds a lone surrogate (U+D800) at UTF-16 position ${at}: half of a character, not text`);
  }
  const full = await fullGlue(); // rate is in the full module (size-i)
  const code = caught(() => full.rate('GB', '6109\udc00', '2026-03-02'));
  assert.deepEqual([code.code, code.field], ['E_JSON', 'code']);
  // A real U+FFFD (a character of its own) is text: priced, and echoed as given.
  for (let round = 0; round < 4; round++) {
    const missing = JSON.parse(g.missingPartsFor(frenchText('a\ufffd')));
    for (const { file } of missing) g.attachPart(readFileSync(new URL(file, PKG)));
  }
  const q = JSON.parse(g.quote(frenchText('a\ufffd')));
  assert.equal(q.lines[0].id, 'a\ufffd');
});

test('the npm entry: prepareRequest rejects a request that does not decode; rate still names its own argument', async () => {
  const engine = await import(new URL('../../www/widget/engine.js', import.meta.url).href);
  await assert.rejects(engine.prepareRequest('{'), (e) => e.code === 'E_JSON');
  await assert.rejects(engine.prepare('ZZ'), (e) => e.code === 'E_UNSUPPORTED_DESTINATION' && e.field === 'destination');
  // The request rate() builds to fetch the code's chapter names it lines[0].code: the look-up's
  // own error, naming `code`, is the one reported.
  await assert.rejects(engine.rate('GB', 'abc', '2026-03-02'), (e) => e.code === 'E_HS_CODE' && e.field === 'code');
  const r = await engine.rate('GB', '6109100010', '2026-03-02');
  assert.equal(r.destination, 'GB');
});
