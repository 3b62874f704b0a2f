// The analysis worker: the same wasm module, off the page's main thread. Messages:
//   in:  { type: 'analyze', id, inputs, options, lang, label, sample } | { type: 'render', id, lang }
//        | { type: 'reread', id, index, kind, mapping, lang }   (read the last files again, corrected)
//        | { type: 'customers', id }   (the per-customer table of the last analysis, CSV)
//        | { type: 'refilter', id, since, asOf, lang }   (the last files again, for a date range)
//        | { type: 'iceberg', id, silent, told, lang }
//        | { type: 'scorecard', id, inputs, options }
//   out: { type: 'progress', id, stage, fraction } | { type: 'done', id, view, scorecard, stages }
//        | { type: 'view', id, view, scorecard? } (scorecard: after an iceberg change)
//        | { type: 'scorecard', id, scorecard } | { type: 'error', id, message }
//        | { type: 'customers', id, csv }
//        | { type: 'failed', id, message, view }   (the files could not be analysed; view: the correction forms)
import init, { analyze, workerAnalyze, workerCustomersCsv, workerIceberg, workerReread, workerRefilter, workerRender } from './pkg/loyalty_scorecard.js';

const ready = init();

function answer(id, r) {
  if (r.error !== undefined) self.postMessage({ type: 'failed', id, message: r.error, view: r.view });
  else self.postMessage({ type: 'done', id, view: r.view, scorecard: r.scorecard, stages: r.stages });
}

self.onmessage = async ({ data: m }) => {
  try {
    await ready;
    if (m.type === 'analyze') {
      const progress = (stage, fraction) => self.postMessage({ type: 'progress', id: m.id, stage, fraction });
      answer(m.id, workerAnalyze(m.inputs, m.options, m.lang, m.label ?? undefined, Boolean(m.sample), progress));
    } else if (m.type === 'reread') {
      const progress = (stage, fraction) => self.postMessage({ type: 'progress', id: m.id, stage, fraction });
      answer(m.id, workerReread(m.index, m.kind, m.mapping, m.lang, progress));
    } else if (m.type === 'refilter') {
      const progress = (stage, fraction) => self.postMessage({ type: 'progress', id: m.id, stage, fraction });
      answer(m.id, workerRefilter(m.since ?? undefined, m.asOf ?? undefined, m.lang, progress));
    } else if (m.type === 'customers') {
      self.postMessage({ type: 'customers', id: m.id, csv: workerCustomersCsv() });
    } else if (m.type === 'render') {
      self.postMessage({ type: 'view', id: m.id, view: workerRender(m.lang) });
    } else if (m.type === 'iceberg') {
      const r = workerIceberg(m.silent, m.told, m.lang);
      self.postMessage({ type: 'view', id: m.id, view: r?.view ?? null, scorecard: r?.scorecard });
    } else if (m.type === 'scorecard') {
      self.postMessage({ type: 'scorecard', id: m.id, scorecard: analyze(m.inputs, m.options) });
    }
  } catch (err) {
    self.postMessage({ type: 'error', id: m.id, message: String(err?.message ?? err) });
  }
};
