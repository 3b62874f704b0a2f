// The demo page in its visitor's language: `?lang=` first, else the browser's preferred
// languages (the first English or Chinese one), else English. Runs before the elements are
// defined, so they start in that language; the page's own few sentences follow it too.
const supported = (tag) => /^(en|zh)\b/i.test(tag ?? '');
const asked = new URLSearchParams(location.search).get('lang');
const tag = [asked, ...(navigator.languages ?? [navigator.language])].find(supported) ?? 'en';
const lang = /^zh/i.test(tag) ? (/(tw|hk|mo|hant)/i.test(tag) ? 'zh-TW' : 'zh-CN') : 'en';

const text = {
  'zh-CN': {
    title: '顾客满意、信任与忠诚计分卡 — 演示',
    intro: '下面的计分卡展示一家生成的示例店铺。把您自己的订单导出文件拖到上面：文件只在本页面中读取和分析，不会上传到任何地方。',
    calc: '承诺多少天送达：下面的计算器使用上方文件中的配送记录（或您自己输入的数字）。',
  },
  'zh-TW': {
    title: '顧客滿意、信任與忠誠計分卡 — 示範',
    intro: '下面的計分卡展示一家生成的範例商店。把您自己的訂單匯出檔拖到上面：檔案只在本頁面中讀取和分析，不會上傳到任何地方。',
    calc: '承諾多少天送達：下面的計算器使用上方檔案中的配送紀錄（或您自己輸入的數字）。',
  },
};

document.documentElement.lang = lang;
for (const el of document.querySelectorAll('loyalty-scorecard, expectation-calculator')) {
  if (!el.hasAttribute('lang')) el.setAttribute('lang', lang);
}
const t = text[lang];
if (t) {
  document.title = t.title;
  const set = (selector, value) => { const el = document.querySelector(selector); if (el) el.textContent = value; };
  set('[data-text=intro]', t.intro);
  set('[data-text=calc]', t.calc);
}
