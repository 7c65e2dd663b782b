// The widget's labels in Chinese (simplified): loaded by labels.js only for pages in that language.
export default {
  allIn: '到手总价', incl: '含关税、税费和手续费', details: '计算方式',
  duty: '关税', tax: '进口税', fees: '手续费', goods: '商品', shipping: '运费', insurance: '保险',
  landed: '应付总额', dueOnDelivery: '送达时支付',
  paidAtCheckout: '关税和税费在结账时支付 (DDP)。',
  payOnDelivery: '关税和税费在送达时收取 (DAP)。',
  levy: '费用项目', base: '计税基础', rate: '税率', amount: '金额', formula: '公式', source: '来源',
  snapshot: '税则版本', ratesAsOf: '税率截至', pricedFor: '计算日期',
  notPriced: '无法完整计算进口费用', atLeast: '至少', upTo: '最多',
  line: '商品', status: '状态', warnings: '说明', destination: '寄往',
  error: '无法计算进口费用', priced: '已计算', partial: '部分计算', not_priced: '未计算',
  excluded: '不征收', options: '选项', sources: '来源',
  collectedAtSale: '其中购买时收取的税',
  atCheckout: '结账时', partialNote: '进口费用未完全计算', taxNotIncl: '未包含全部税费', checkout: '结账时支付',
  mayBeOld: '可能已过时',
};
