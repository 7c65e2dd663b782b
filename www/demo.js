// Demo shop controls: every change re-prices every product through the page defaults.
import { setDefaults, today } from './widget/landed.js';

const form = document.getElementById('controls');
const value = (id) => document.getElementById(id).value;
const dateInput = document.getElementById('date');
if (!dateInput.value) dateInput.value = today();

function apply() {
  document.documentElement.lang = value('lang');
  setDefaults({ date: value('date'), channel: value('channel'), incoterm: value('incoterm'), lang: value('lang') });
}

form.addEventListener('change', (e) => {
  if (e.target.closest('landed-country-picker')) return; // the picker sets the destination itself
  apply();
});
form.addEventListener('submit', (e) => e.preventDefault());
apply();
