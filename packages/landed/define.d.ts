// `landed/define`: registers <landed-price>, <landed-cart>, <landed-item> and
// <landed-country-picker>, and enhances `data-landed-code` markup, as a side effect of the import.
export { LandedPrice, LandedCart, LandedItem, LandedCountryPicker, enhance, setDefaults } from './elements.js';
