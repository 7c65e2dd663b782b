// Registers Landed's custom elements (<landed-price>, <landed-cart>, <landed-item>,
// <landed-country-picker>) and enhances `data-landed-code` markup. Importing this module is the
// only side effect of the package: the engine entry defines nothing and touches no DOM.

import { LandedPrice, LandedCart, LandedItem, LandedCountryPicker, enhance } from './elements.js';

export { LandedPrice, LandedCart, LandedItem, LandedCountryPicker, enhance, setDefaults } from './elements.js';

const ELEMENTS = {
  'landed-price': LandedPrice,
  'landed-cart': LandedCart,
  'landed-item': LandedItem,
  'landed-country-picker': LandedCountryPicker,
};

for (const [name, element] of Object.entries(ELEMENTS)) {
  if (!customElements.get(name)) customElements.define(name, element);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => enhance());
} else {
  enhance();
}
