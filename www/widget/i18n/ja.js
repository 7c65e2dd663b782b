// The widget's labels in Japanese: loaded by labels.js only for pages in that language.
export default {
  allIn: '総額', incl: '関税・税金・手数料込み', details: '計算方法',
  duty: '関税', tax: '輸入税', fees: '手数料', goods: '商品', shipping: '送料', insurance: '保険',
  landed: 'お支払い総額', dueOnDelivery: '配達時に支払い',
  paidAtCheckout: '関税と税金はご購入時にお支払いいただきます (DDP)。',
  payOnDelivery: '関税と税金は配達時に徴収されます (DAP)。',
  levy: '項目', base: '課税標準', rate: '税率', amount: '金額', formula: '計算式', source: '出典',
  snapshot: '関税率表の版', ratesAsOf: '税率の基準日', pricedFor: '計算日',
  notPriced: '輸入費用をすべて計算できませんでした', atLeast: '最低', upTo: '最大',
  line: '商品', status: '状態', warnings: '注記', destination: '配送先',
  error: '輸入費用を計算できませんでした', priced: '計算済み', partial: '一部のみ計算', not_priced: '未計算',
  excluded: '課税対象外', options: 'オプション', sources: '出典',
  collectedAtSale: 'うち購入時に徴収される税',
  atCheckout: '購入時', partialNote: '輸入費用は一部未計算', taxNotIncl: '一部の税は含まれません', checkout: '購入時のお支払い',
  mayBeOld: '古い可能性があります',
};
