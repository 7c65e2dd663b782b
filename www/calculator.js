// The calculator: a form for any cart, the explanation in <landed-cart>, and the JSON.
import { today } from './widget/landed.js';

const lines = document.getElementById('lines');
const cart = document.getElementById('cart');
const fields = ['id', 'code', 'description', 'quantity', 'unit_price', 'origin', 'weight_kg', 'volume_l', 'alcohol_pct', 'duty_rate'];
const start = [
  { id: 'tee', code: '6109100010', description: 'Cotton T-shirt', quantity: '3', unit_price: '12.50', weight_kg: '0.6' },
  { id: 'wine', code: '2204214290', description: 'Bordeaux, 75 cl', quantity: '2', unit_price: '18.00', origin: 'FR', volume_l: '1.5', alcohol_pct: '13.5' },
];

function addLine(values = {}) {
  const tr = document.createElement('tr');
  for (const f of fields) {
    const td = document.createElement('td');
    const input = document.createElement('input');
    input.name = f;
    input.value = values[f] ?? '';
    input.setAttribute('aria-label', f.replace('_', ' '));
    td.append(input);
    tr.append(td);
  }
  const td = document.createElement('td');
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'secondary';
  remove.textContent = 'Remove';
  remove.addEventListener('click', () => { tr.remove(); update(); });
  td.append(remove);
  tr.append(td);
  lines.append(tr);
}

function request() {
  const v = (id) => document.getElementById(id).value.trim();
  const r = {
    destination: v('destination').toUpperCase(), date: v('date'), currency: v('currency').toUpperCase(),
    channel: v('channel'), incoterm: v('incoterm'),
    lines: [],
  };
  // An empty shipping or insurance field is left out, not sent as 0: the quote then says what it
  // assumed (audit-ss SS2/SS3); a 0 typed in is the shopper's own figure.
  for (const k of ['shipping', 'insurance']) if (v(k)) r[k] = v(k);
  for (const [k, id] of [['subdivision', 'subdivision'], ['ship_from', 'ship_from'], ['origin', 'origin']]) {
    if (v(id)) r[k] = v(id).toUpperCase();
  }
  for (const tr of lines.querySelectorAll('tr')) {
    const line = {};
    for (const input of tr.querySelectorAll('input')) if (input.value.trim()) line[input.name] = input.value.trim();
    if (line.origin) line.origin = line.origin.toUpperCase();
    r.lines.push(line);
  }
  return r;
}

function update() {
  const r = request();
  document.getElementById('request').value = JSON.stringify(r, null, 2);
  // The response of the previous request leaves with it: while this one prices (its parts may be
  // downloading) the box says so, never the old quote beside the new request (audit-p P1).
  document.getElementById('response').value = 'Pricing this request…';
  cart.cartRequest = r;
}

cart.addEventListener('landed:quote', (e) => {
  document.getElementById('response').value = JSON.stringify(e.detail.quote, null, 2);
});
cart.addEventListener('landed:error', (e) => {
  document.getElementById('response').value = JSON.stringify({ error: e.detail.error }, null, 2);
});
for (const [button, area] of [['copy-request', 'request'], ['copy-response', 'response']]) {
  document.getElementById(button).addEventListener('click', () => navigator.clipboard?.writeText(document.getElementById(area).value));
}
document.getElementById('add').addEventListener('click', () => { addLine({ id: `line-${lines.children.length + 1}`, quantity: '1' }); update(); });
document.getElementById('calc').addEventListener('input', update);
lines.addEventListener('input', update);
document.getElementById('calc').addEventListener('submit', (e) => e.preventDefault());
const dateInput = document.getElementById('date');
if (!dateInput.value) dateInput.value = today();
start.forEach(addLine);
update();
