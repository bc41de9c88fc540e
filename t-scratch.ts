import { readFileSync } from 'node:fs';
import { parseEcbHistory, pickRate, rateSeries } from './shared/domain/fx';
const days = parseEcbHistory(readFileSync('/work/shared/data/ecb-eurofxref-hist.csv','utf8'));
const usd = rateSeries(days,'USD');
console.log(usd.length, usd[0], usd[usd.length-1], pickRate(usd,'2025-05-11'), pickRate(usd,'2025-05-09'), pickRate(usd, '2020-01-01'));
const bad = usd.filter((d,i)=> i>0 && usd[i-1]!.date <= d.date); console.log(bad.slice(0,5));
