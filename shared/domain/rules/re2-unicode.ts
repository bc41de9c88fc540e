/**
 * The Unicode data RE2 patterns need, without RE2's own tables (~100 KB of re2js):
 * - simple case-folding orbits, a table of ~1.5 KB written by tests/unit/domain/rules/re2-fold-table.ts (Node's case
 *   mapping and `/x/iu`, plus three folding pairs no case mapping links) and checked against re2js for every code
 *   point up to U+1FFFF by re2-differential.test.ts; it does not depend on the runtime;
 * - the ranges of `\p{…}` classes, read from the runtime's own RegExp (`/\p{Script=Greek}/u`) the first time a class
 *   is used in a process (~10 ms, ~15 ms for the first, then cached). Those follow the runtime's Unicode version:
 *   re2js 2.10.0 and Node 20.20 (ICU 78) both follow Unicode 17.0 and agree on every class name; an older runtime
 *   gives the characters assigned since its version no category and no script, and a script it does not know yet
 *   no character (the pattern is still accepted, as RE2 accepts it).
 */

/** Runs of case-folding orbits, by lowest member: gap from the previous run's last orbit, offsets of the other members, step, count. */
const FOLD_RUNS = '1t:w:1:a 1:w.6hr 1:w:1:7 1:w.8c 1:w:1:7 2j:kn.lj b:w:1:5 1:w.6ee 1:w:1:h 2:w:1:7 1:5vj w:3d 1:1:2:o 4:1:2:3 3:1:2:8 3:1:2:n 3:1:2:3 3:5f 1:5u 1:1:2:2 2:5q 1:1 2:5p:1:2 1:1 3:27 1:5m 1:5n 1:1 2:5p 1:5r 1:2p 1:5v 1:5t 1:1 2:4j 1:wu9 1:5v 1:5x 1:3m 1:5y 1:1:2:3 2:62 1:1 2:62 3:1 2:62 1:1 2:61:1:2 1:1:2:2 2:63 1:1:4:2 3:1k 5:1.2:3:3 3:1:2:8 3:1:2:9 3:1.2 3:1:4:2 2:1:2:j 4:1:2:9 8:8bv 1:1 3:8bs 1:8cf:1:2 1:1 3:1x 1:1z 1:1:2:5 2:8bj 1:8bg 1:8bi a:wnj 5:wnf 3:wo7 1:wmg 1:wn8:4:2 1:8af 1:wn5 5:8al c:89z 5:wn7 5:wmi m:wlx 1:wlu 4n:2c.38.5mh 17:1:2:2 4:1 5:3m:1:3 2:38 7:12 2:11:1:3 2:1s 2:1r:1:2 1:5kz 1:w 1:w.1q 1:w:1:2 1:w.2o 1:w:1:2 1:w.1l.2k 2:w.2e 1:w:2:2 1:w:1:2 1:w.1i 1:w.28 2:v.w 1:w:1:2 1:w.1b 1:w:1:2 1:w.5tp 1:w:1:2 5:5kj v:8 9:1:2:c 4:7 5:1:3:2 6:28:1:g 1:w:1:2 1:w.4tq 1:w 1:w.4tp 1:w:1:9 1:w.4tg 1:w:1:2 1:w.4te 1:w.4te.4tf 1:w:1:7 1:w.4t8 1:w:1:5 1d:1 2:1.4rp 2:1:2:f a:1:2:r 2:f 1:1:2:7 3:1:2:1c 3:1c:1:12 28a:5ls:1:12 2:5ls:6:2 3:2bk:1:17 3:2bk:1:3 ip:tzk:1:28 1:8:1:6 1oz:r7m.r7n 1:1 6o:r9g 4:2xy h:raw 36:1:2:1c 2:1.1n 2:1:2:q c:1:2:1c 2:8:1:8 9:8:1:6 b:8:1:8 9:8:1:8 9:8:1:6 c:8:2:4 9:8:1:8 9:22:1:2 1:2e:1:4 1:2s:1:2 1:3k:1:2 1:34:1:2 1:3i:1:2 3:8:1:8 9:8:1:8 9:8:1:8 9:8:1:2 2:9:g:2 d:8:1:2 f:8:1:2 4:7 e:9 8v:s 1a:g:1:g k:1 mr:q:1:q 1f5:1c:1:1c 1d:1:7:2 2:1:2:2 7:1:3:2 b:1:2:1e 9:1:2:2 5:1:nym:2 2:1:2:4 4:1:2:h k:1:2:e 3s:1:2:7 4:1:2:v b:1:2:2 3:1:2:5 5:1:5:2 2:1 2:1c 2:1:2:a b:ps 1:1:2:8 5:1:2:2 3:1:2:8 r:1:geo:2 t8:w:1:q xy:14:1:14 3t:14:1:10 4d:13:1:b 2:13:1:f 2:13:1:7 2:13:1:2 1d7:1s:1:1f 4e:w:1:m 27v:w:1:w gw1:w:1:w 1t:r:1:p o5k:y:1:y';

/** The lowest and highest code point with another case (RE2's MIN_FOLD and MAX_FOLD). */
export const MIN_FOLD = 0x41;
/** See {@link MIN_FOLD}. */
export const MAX_FOLD = 0x1e943;
/** The highest code point. */
export const MAX_RUNE = 0x10ffff;

let orbitsByRune: Map<number, readonly number[]> | undefined;

function orbitTable(): Map<number, readonly number[]> {
  if (orbitsByRune) return orbitsByRune;
  const table = new Map<number, readonly number[]>();
  let at = 0;
  for (const run of FOLD_RUNS.split(' ')) {
    const [gap, shape, step, count] = run.split(':') as [string, string, string?, string?];
    const offsets = [0, ...shape.split('.').map((n) => parseInt(n, 36))];
    at += parseInt(gap, 36);
    const n = count ? parseInt(count, 36) : 1;
    for (let k = 0; k < n; k++) {
      if (k > 0) at += parseInt(step as string, 36);
      const orbit = offsets.map((o) => at + o);
      for (const r of orbit) table.set(r, orbit);
    }
  }
  orbitsByRune = table;
  return table;
}

/** The code points equal to `r` ignoring case, sorted, `r` included (just `[r]` when it has no other case). */
export function foldOrbit(r: number): readonly number[] {
  return orbitTable().get(r) ?? [r];
}

/** RE2's simpleFold: the next code point of `r`'s orbit, after the highest the lowest (`r` itself when alone). */
export function simpleFold(r: number): number {
  const orbit = foldOrbit(r);
  return orbit.find((x) => x > r) ?? (orbit[0] as number);
}

/** Every code point with another case, ascending (for folding a class: only these add anything). */
export function foldingRunes(): readonly number[] {
  folding ??= [...orbitTable().keys()].sort((a, b) => a - b);
  return folding;
}

let folding: number[] | undefined;

/** RE2's general categories (\\p{L}, \\p{Lu}, …), binary properties and scripts, as re2js 2.10.0 names them. */
const CATEGORIES = new Set('C Cc Cf Cn Co Cs L LC Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '));
const PROPERTIES = new Set('ASCII_Hex_Digit Alphabetic Dash Emoji Emoji_Component Emoji_Modifier Emoji_Modifier_Base Emoji_Presentation Extended_Pictographic Hex_Digit Lowercase Math Quotation_Mark Terminal_Punctuation Uppercase White_Space'.split(' '));
const SCRIPTS = new Set('Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Beria_Erfe Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Garay Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Gurung_Khema Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham Sidetic SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Tai_Yo Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Todhri Tolong_Siki Toto Tulu_Tigalari Ugaritic Unknown Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square'.split(' '));

/** A \\p class: its ranges, the ranges with every case-folding orbit they touch added, and 1 or -1 when negated by its name. */
export interface UnicodeClass {
  ranges: number[];
  folded: () => number[];
  sign: number;
}

/** Where code points differ from their neighbours, scanned one by one: [first, last], as strings once built. */
const SCANNED: [number, number][] = [
  [0, 0xd7ff],
  [0xe000, 0xffff],
  [0x10000, 0x3ffff],
  [0xe0000, 0xeffff],
];
/**
 * Blocks whose code points all have the same properties (Unicode 17): the surrogates, planes 4 to 13 (unassigned),
 * the private-use planes 15 and 16 and their last two code points (noncharacters); one code point of each is tested.
 */
const UNIFORM: [number, number][] = [
  [0xd800, 0xdfff],
  [0x40000, 0xdffff],
  [0xf0000, 0xffffd],
  [0xffffe, 0xfffff],
  [0x100000, 0x10fffd],
  [0x10fffe, 0x10ffff],
];

let scanned: string[] | undefined;

function scannedRunes(): string[] {
  scanned ??= SCANNED.map(([lo, hi]) => {
    const wide = lo >= 0x10000;
    const units = new Uint16Array((hi - lo + 1) * (wide ? 2 : 1));
    for (let c = lo, i = 0; c <= hi; c++) {
      if (!wide) units[i++] = c;
      else {
        units[i++] = 0xd800 + ((c - 0x10000) >> 10);
        units[i++] = 0xdc00 + ((c - 0x10000) & 0x3ff);
      }
    }
    return new TextDecoder('utf-16le').decode(units);
  });
  return scanned;
}

/** The code points the runtime's RegExp matches with `property` (e.g. `\\p{Script=Greek}`), as sorted [lo, hi, …]. */
function nativeRanges(property: string): number[] {
  const out: number[] = [];
  let re: RegExp;
  try {
    re = new RegExp(`${property}+`, 'gu');
  } catch {
    // A script newer than the runtime's Unicode (re2js 2.10.0 knows Unicode 17): no code point has it here yet.
    return out;
  }
  scannedRunes().forEach((text, k) => {
    const base = (SCANNED[k] as [number, number])[0];
    // One UTF-16 unit per code point below U+10000, two above.
    const width = base < 0x10000 ? 1 : 2;
    for (const m of text.matchAll(re)) out.push(base + m.index / width, base + (m.index + m[0].length) / width - 1);
  });
  const one = new RegExp(`^${property}$`, 'u');
  for (const [lo, hi] of UNIFORM) if (one.test(String.fromCodePoint(lo))) out.push(lo, hi);
  return canonical(out);
}

/** Sorted, merged ranges (flat [lo, hi, …]). */
export function canonical(flat: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as number, flat[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo <= (out[n - 1] as number) + 1) out[n - 1] = Math.max(out[n - 1] as number, hi);
    else out.push(lo, hi);
  }
  return out;
}

/** Whether `r` lies in the sorted ranges (binary search). */
function inRanges(ranges: readonly number[], r: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r > (ranges[2 * mid + 1] as number)) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length / 2 && r >= (ranges[2 * lo] as number);
}

/** \`ranges\` with every code point whose case-folding orbit meets them (RE2's table plus its fold table). */
function foldClosure(ranges: number[]): number[] {
  const extra: number[] = [];
  for (const r of foldingRunes()) if (!inRanges(ranges, r) && foldOrbit(r).some((x) => inRanges(ranges, x))) extra.push(r, r);
  return extra.length === 0 ? ranges : canonical([...ranges, ...extra]);
}

const classes = new Map<string, number[]>();

function cached(key: string, make: () => number[]): number[] {
  let ranges = classes.get(key);
  if (!ranges) {
    ranges = make();
    classes.set(key, ranges);
  }
  return ranges;
}

/** RE2's \\p{name}, or undefined when RE2 knows no such class. */
export function unicodeClass(name: string): UnicodeClass | undefined {
  let property: string;
  let sign = 1;
  if (name === 'Any') property = '[\\0-\\u{10ffff}]';
  else if (name === 'Ascii') property = '[\\0-\\x7f]';
  else if (name === 'Assigned' || name === 'Lc') {
    property = name === 'Lc' ? '\\p{General_Category=LC}' : '\\p{General_Category=Cn}';
    sign = name === 'Lc' ? 1 : -1;
  } else if (CATEGORIES.has(name)) property = `\\p{General_Category=${name}}`;
  else if (PROPERTIES.has(name)) property = `\\p{${name}}`;
  else if (SCRIPTS.has(name)) property = `\\p{Script=${name}}`;
  else return undefined;
  const ranges = cached(property, () => nativeRanges(property));
  return { ranges, folded: () => cached(`fold ${property}`, () => foldClosure(ranges)), sign };
}
