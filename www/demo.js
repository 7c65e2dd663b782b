// Demo shop controls: every change re-prices every product through the page defaults.
import { setDefaults, snapshotInfo, today } from './widget/landed.js';

const form = document.getElementById('controls');
const value = (id) => document.getElementById(id).value;
const dateInput = document.getElementById('date');
if (!dateInput.value) dateInput.value = today();
const province = document.getElementById('province-field');
let destination = document.documentElement.dataset.landedDestination;

// Canada taxes imports by province: the shop asks for it when Canada is the destination (without
// one the engine charges only the federal GST and the widget says "at least").
const subdivision = () => (destination === 'CA' ? value('province') || undefined : undefined);

function apply() {
  document.documentElement.lang = value('lang');
  setDefaults({ date: value('date'), channel: value('channel'), incoterm: value('incoterm'), lang: value('lang'), subdivision: subdivision() });
}

document.addEventListener('landed:settings', (e) => {
  if (!e.detail.destination || e.detail.destination === destination) return;
  destination = e.detail.destination;
  province.hidden = destination !== 'CA';
  if (e.detail.subdivision !== subdivision()) setDefaults({ subdivision: subdivision() });
});

form.addEventListener('change', (e) => {
  if (e.target.closest('landed-country-picker')) return; // the picker sets the destination itself
  apply();
});
form.addEventListener('submit', (e) => e.preventDefault());
apply();

// The footer names the tariffs of the snapshot that priced the cards, read from the engine
// (never a vintage typed into the page, which went stale once already). Read when a card is
// priced with a snapshot other than the one named: at start the engine still has its embedded
// snapshot while the page's own (data-landed-snapshot) loads (audit-cc CC4).
let named = null;
document.addEventListener('landed:quote', (e) => {
  const id = e.detail.quote.snapshot_id;
  if (id === named) return;
  named = id;
  snapshotInfo().then((info) => {
    if (info.snapshot_id !== id) return; // another snapshot since: its own quote names it
    const tariffs = info.datasets.filter((d) => d.kind === 'tariff');
    document.getElementById('tariff-datasets').textContent =
      'Tariffs: ' + tariffs.map((d) => `${d.dataset} (${d.publisher}, ${d.vintage})`).join('; ');
  }).catch(() => {}); // the cards already say when the engine cannot load
});
