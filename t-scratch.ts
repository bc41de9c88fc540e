const MONTHS = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|fevr|mars|avr|mai|juin|juil|aout|okt|dez|mrt|ene|abr|ago|dic)';
const PREP = '(?:(?:on|am|le|el|op|du|vom|del|dd)\\s+)?';
const NOISE: RegExp[] = [
  /\b(?:eref|mref|cred|kref|pref|iban|bic|abwa|abwe)\s*[+:]\s*\S*/g,
  /\b[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){3,7}(?:\s?[a-z0-9]{1,3})?\b/g,
  /\d{0,6}(?:[x*•]{4,}[\s-]?)+\d{0,6}/g,
  /\b(?:card|carte|karte|kartennr|pas|tarjeta|tarj|cc)\s*(?:ending(?:\s+in)?|no|nr|num|#)?\s*[:.#]?\s*\d+\b/g,
  new RegExp(`\\b${PREP}\\d{4}-\\d{2}-\\d{2}(?:t\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?z?)?`, 'g'),
  new RegExp(`\\b${PREP}\\d{1,2}[./-]\\d{1,2}(?:[./-]\\d{2,4})?(?:\\s*(?:/|um)?\\s*\\d{1,2}[:.h]\\d{2}(?::\\d{2})?(?:\\s*uhr)?)?\\b`, 'g'),
  /\b(?:um\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*uhr)?\b/g,
  new RegExp(`\\b${PREP}\\d{1,2}\\s?${MONTHS}[a-z]*\\.?(?:\\s?\\d{2,4})?\\b`, 'g'),
  new RegExp(`\\b${PREP}${MONTHS}[a-z]*\\.?\\s?\\d{1,2}(?:,?\\s\\d{4})?\\b`, 'g'),
  /\b(?:ref|refs|reference|referenz|referencia|nr|no|num|id|txn|trace|trn|auth|authcode|conf|confirmation|order|invoice|inv|rechnung|mandat|mandate|mandatsref|transaction|seq|terminal|term|tid|beleg|kundennr)\b\.?\s*(?:no\.?|nr\.?|number|code|id|#)?\s*[:#.]?\s*[a-z0-9/-]*\d[a-z0-9/-]*/g,
  /\*\s?[a-z0-9]*\d[a-z0-9]*/g,
  /\b\+?\d[\d\s().-]{7,}\d/g,
  /#\s*\d+/g,
];
const n = 100000;
const descs = Array.from({ length: n }, (_, i) => `pos purchase 01/${(i%28)+1} merchant ${i % 5000} store #${i} seattle wa card ${1000 + (i % 9000)}`);
let t = performance.now();
for (const d of descs) { let s = d; for (const re of NOISE) s = s.replace(re, ' \uE000 '); }
console.log('sequential µs', ((performance.now() - t) * 1000 / n).toFixed(2));
t = performance.now();
for (const d of descs) { let s = d; for (const re of NOISE) { re.lastIndex = 0; if (re.test(s)) { s = s.replace(re, ' \uE000 '); } } }
console.log('test-then-replace µs', ((performance.now() - t) * 1000 / n).toFixed(2));
const big = new RegExp(NOISE.map((r) => `(?:${r.source})`).join('|'), 'g');
t = performance.now();
for (const d of descs) d.replace(big, ' \uE000 ');
console.log('combined µs', ((performance.now() - t) * 1000 / n).toFixed(2));
