// The TypeScript declarations (`www/pkg/landed.d.ts`, generated from the Rust types by tsify)
// against the engine's real answers (audit-tt TT3): a field the runtime can leave out must be
// declared optional (`field?:`), a field the runtime sends as `null` must be declared `| null`,
// and nothing is sent that the declarations do not name. Strict TypeScript written against the
// declarations must not type-check code that throws on a common answer (a line with no
// preference alternative, a quote with no destination rounding). Runs in Node on the built
// engine (`www/widget/engine.js` reads the module and parts from disk); no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness.js';
import * as L from '../../www/widget/engine.js';

/** `interface name { field?: type; … }` of a declaration file, comments dropped. */
function interfaces(path) {
  const source = readFileSync(path, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  const found = {};
  for (const m of source.matchAll(/export interface (\w+) \{([^}]*)\}/g)) {
    const fields = {};
    for (const chunk of m[2].split(';')) {
      const f = /^\s*(\w+)(\??):\s*([\s\S]+)$/.exec(chunk);
      if (f) fields[f[1]] = { optional: f[2] === '?', type: f[3].trim() };
    }
    found[m[1]] = fields;
  }
  return found;
}

const DECLARED = { ...interfaces(`${ROOT}www/pkg/landed_whatif.d.ts`), ...interfaces(`${ROOT}www/pkg/landed.d.ts`) };

/** Every disagreement between an answer and its declared type, as `Type.field: why`. */
function disagreements(value, type) {
  const found = new Set();
  const walk = (v, t, path) => {
    const bare = t.replace(/\s*\|\s*(null|undefined)/g, '').replace(/^\((.*)\)$/, '$1').trim();
    if (v === null || v === undefined) return;
    if (bare.endsWith('[]')) {
      if (!Array.isArray(v)) found.add(`${path}: declared ${bare}, is ${typeof v}`);
      else v.forEach((x) => walk(x, bare.slice(0, -2), `${path}[]`));
      return;
    }
    const record = /^Record<string, (\w+)>$/.exec(bare);
    if (record) {
      for (const k of Object.keys(v)) walk(v[k], record[1], `${path}{}`);
      return;
    }
    const fields = DECLARED[bare];
    if (!fields || typeof v !== 'object') return;
    for (const [k, f] of Object.entries(fields)) {
      if (!(k in v) && !f.optional) found.add(`${bare}.${k}: declared required, absent`);
      if (k in v && v[k] === null && !/\bnull\b/.test(f.type)) found.add(`${bare}.${k}: null, declared ${f.type}`);
      if (k in v) walk(v[k], f.type, `${path}.${k}`);
    }
    for (const k of Object.keys(v)) if (!(k in fields)) found.add(`${bare}.${k}: sent, not declared`);
  };
  walk(value, type, type);
  return [...found];
}

const BASE = { currency: 'USD', date: '2026-11-27', origin: 'CN' };
const LINE = { id: 'a', quantity: '2', unit_price: '80', weight_kg: '1' };

test('every answer of the engine agrees with its TypeScript declaration', async () => {
  const answers = [];
  for (const destination of ['GB', 'DE', 'FR', 'US', 'CA', 'AU', 'CH', 'JP', 'NO', 'NZ', 'SG', 'KR']) {
    for (const code of ['610910', '1704', '847130', '22042109']) {
      answers.push([await L.quote({ ...BASE, destination, lines: [{ ...LINE, code }], display_currency: 'EUR' }), 'Quote']);
    }
  }
  answers.push([await L.quote({ ...BASE, destination: 'US', incoterm: 'DAP', channel: 'post', lines: [{ ...LINE, code: '6404.11.90' }] }), 'Quote']);
  answers.push([await L.quote({ ...BASE, destination: 'GB', origin: 'DE', claim: 'TCA', lines: [{ ...LINE, code: '6109100010' }] }), 'Quote']);
  // `rate`'s answer is declared as an intersection type (a flattened line), not walked here.
  answers.push([await L.search('cotton t-shirt', 'GB'), 'SearchResponse']);
  answers.push([await L.snapshotInfo(), 'SnapshotInfo']);
  answers.push([await L.countries('2026-11-27'), 'CountriesResponse']);
  const cart = { ...BASE, destination: 'DE', lines: [{ id: 'a', code: '610910', quantity: '1', unit_price: '40' }] };
  answers.push([await L.sweep(cart, { destinations: ['DE', 'GB', 'US'] }), 'SweepResult']);
  answers.push([await L.reverse(cart, '49.99'), 'ReverseResult']);
  answers.push([await L.compareDates(cart, '2026-01-01', '2026-11-27'), 'Comparison']);
  answers.push([await L.invoiceCheck(cart, { duty: '1.00', tax: '5.00' }), 'InvoiceCheck']);
  for (const [, type] of answers) assert.ok(DECLARED[type], `${type} is declared`);
  const all = [...new Set(answers.flatMap(([answer, type]) => disagreements(answer, type)))].sort();
  assert.deepEqual(all, [], `answers disagreeing with the declarations (python3 scripts/tsify_optional.py marks the Rust fields):\n${all.join('\n')}`);
});

test('strict TypeScript refuses code that reads a field an answer can leave out', () => {
  // Each `@ts-expect-error` must meet an error: a field declared required again fails the build
  // ("Unused '@ts-expect-error' directive"). The guarded reads beside them must compile.
  const dir = mkdtempSync(join(tmpdir(), 'landed-dts-'));
  try {
    writeFileSync(join(dir, 'answers.ts'), `import type { Quote, SweepResult } from '${ROOT}www/pkg/landed.js';
export function read(q: Quote, s: SweepResult): number {
  // @ts-expect-error a line without a preference alternative has no \`alternatives\`
  const a: number = q.lines[0].alternatives.length;
  // @ts-expect-error a destination without rounding rules has no \`destination_rounding\`
  const r: number = q.destination_rounding.length;
  // @ts-expect-error a line priced in full has no \`missing\`
  const m: number = q.lines[0].missing.length;
  // @ts-expect-error a sweep without ties has no \`ties\`
  const t: number = s.ties.length;
  return a + r + m + t + (q.lines[0].alternatives?.length ?? 0) + (q.destination_rounding?.length ?? 0);
}
`);
    execFileSync(`${ROOT}tests/e2e/node_modules/.bin/tsc`, ['--strict', '--noEmit', '--skipLibCheck', '--target', 'es2022',
      '--module', 'es2022', '--moduleResolution', 'bundler', join(dir, 'answers.ts')], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc: ${e.stdout || ''}${e.stderr || e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
