// Landed widget: all-in prices (duty, import VAT/GST, fees) computed in the shopper's browser
// from the tariff snapshot embedded in the engine. No server, no key, nothing leaves the page.
//
// This is the all-in-one entry: the engine API (`engine.js`), the element classes and
// `setDefaults` (`elements.js`), and their registration (`define.js`). Use it as an ES module
// (`import { quote } from './widget/landed.js'`), through a script tag (`landed.global.js`, which
// sets `window.Landed`), as custom elements (<landed-price>, <landed-cart>,
// <landed-country-picker>), or by marking price elements with data attributes
// (`data-landed-code`, `data-landed-price`, …) and writing no JS at all.

export * from './engine.js';
export * from './elements.js';
import './define.js';
