import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { merchantKey, normaliseDescription } from '../../../../shared/domain/ledger';

/** Real-world shapes of bank descriptions: [description, normaliseDescription, merchantKey]. */
const CASES: [string, string, string][] = [
  // United States: card networks, POS prefixes, store numbers, city + state, card numbers, dates, phone numbers.
  ['POS PURCHASE STARBUCKS STORE #12345 SEATTLE WA', 'starbucks store seattle wa', 'starbucks'],
  ['CARD PURCHASE 01/15 STARBUCKS #1234 SEATTLE WA CARD 4821', 'starbucks seattle wa', 'starbucks'],
  ['STARBUCKS STORE 12345 SEATTLE WA            01/02', 'starbucks store seattle wa', 'starbucks'],
  ['PURCHASE AUTHORIZED ON 01/14 SHELL OIL 57444 HOUSTON TX S384014589012345 CARD 1234', 'shell oil houston tx', 'shell oil'],
  ['SHELL OIL 57444 HOUSTON TX', 'shell oil houston tx', 'shell oil'],
  ['DEBIT CARD PURCHASE XXXXXXXXXXXX1234 WHOLE FOODS MARKET #10234 AUSTIN TX', 'whole foods market austin tx', 'whole foods market'],
  ['WHOLE FOODS MARKET #10234 AUSTIN TX', 'whole foods market austin tx', 'whole foods market'],
  ['SQ *BLUE BOTTLE COFFEE San Francisco CA', 'blue bottle coffee san francisco ca', 'blue bottle coffee san francisco'],
  ['TST* JOES PIZZA - NEW YORK NY', 'joes pizza new york ny', 'joes pizza new york'],
  ['NETFLIX.COM 866-579-7172 CA', 'netflix ca', 'netflix'],
  ['NETFLIX.COM 866-579-7172 CA                 01/15', 'netflix ca', 'netflix'],
  ['AMZN Mktp US*2K4L12345', 'amzn mktp us', 'amazon marketplace us'],
  ['AMZN Mktp US*9Z8Y76543', 'amzn mktp us', 'amazon marketplace us'],
  ['PAYPAL *SPOTIFY 4029357733 LU', 'spotify lu', 'spotify'],
  ['UBER   *TRIP HELP.UBER.COM', 'uber trip', 'uber trip'],
  ["McDonald's F12345 Chicago IL", 'mcdonalds chicago il', 'mcdonalds'],
  ['MCDONALDS F23456 CHICAGO IL', 'mcdonalds chicago il', 'mcdonalds'],
  ['WAL-MART #1234 BENTONVILLE AR', 'walmart bentonville ar', 'walmart'],
  ['WALMART #5678 BENTONVILLE AR', 'walmart bentonville ar', 'walmart'],
  ['7-ELEVEN 34567 DALLAS TX', '7eleven dallas tx', '7eleven'],
  ['24 HOUR FITNESS #123 SAN DIEGO CA', '24 hour fitness san diego ca', '24 hour fitness'],
  ['ACME CORP        PAYROLL    PPD ID: 1234567890', 'acme corp payroll ppd', 'acme'],
  ['AT&T *WIRELESS BILL', 'att wireless bill', 'att wireless bill'],
  // United Kingdom.
  ['CARD PAYMENT TO TESCO STORES 3021 ON 15-01-2024', 'tesco stores', 'tesco'],
  ['DIRECT DEBIT PAYMENT TO BRITISH GAS REF 123456789', 'british gas', 'british gas'],
  // Germany: SEPA fields, girocard, dates with times, company forms, umlauts.
  ['SEPA-Lastschrift Vodafone GmbH EREF+123456 MREF+ABC123 CRED+DE98ZZZ09999999999', 'vodafone gmbh', 'vodafone'],
  ['Kartenzahlung girocard REWE Markt GmbH Berlin 2024-01-31T12:34', 'rewe markt gmbh berlin', 'rewe markt'],
  ['REWE Markt GmbH', 'rewe markt gmbh', 'rewe markt'],
  ['REWE SAGT DANKE. 45678912//Berlin/DE 31.01.2024 um 12:34:56 Uhr', 'rewe sagt danke berlin de', 'rewe sagt danke'],
  ['Café Königsbäck', 'cafe konigsback', 'cafe konigsback'],
  ['Stadtwerke München GmbH', 'stadtwerke munchen gmbh', 'stadtwerke munchen'],
  // France.
  ['PAIEMENT PAR CARTE X1234 CARREFOUR CITY PARIS 15/01', 'carrefour city paris', 'carrefour city paris'],
  ['CARTE X1234 14/01 CARREFOUR CITY', 'carrefour city', 'carrefour city'],
  ['PRLV SEPA EDF CLIENTS PARTICULIERS', 'edf clients particuliers', 'edf clients particuliers'],
  // Netherlands.
  ['BEA, Betaalpas  Albert Heijn 1234,PAS123 NR:ABC123, 15.01.24/12:34 AMSTERDAM', 'albert heijn amsterdam', 'albert heijn'],
  ['Albert Heijn 1234', 'albert heijn', 'albert heijn'],
  // Spain.
  ['COMPRA TARJ. 5402XXXXXXXX1234 MERCADONA VALENCIA', 'mercadona valencia', 'mercadona valencia'],
  // Edge cases.
  ['Amazon.de*AB12CD34E', 'amazon', 'amazon'],
  ['H&M 123 Berlin', 'hm berlin', 'hm'],
  ['', '', ''],
  ['12345', '', ''],
];

describe('normaliseDescription and merchantKey', () => {
  it.each(CASES)('%j → %j / %j', (description, normalised, merchant) => {
    expect(normaliseDescription(description)).toBe(normalised);
    expect(merchantKey(description)).toBe(merchant);
  });

  it('gives the same merchant key to the same merchant seen on different days and in different stores', () => {
    const same = (a: string, b: string) => expect(merchantKey(a)).toBe(merchantKey(b));
    same('POS PURCHASE STARBUCKS STORE #12345 SEATTLE WA', 'CARD PURCHASE 01/15 STARBUCKS #1234 SEATTLE WA CARD 4821');
    same('AMZN Mktp US*2K4L12345', 'AMZN Mktp US*9Z8Y76543');
    same("McDonald's F12345 Chicago IL", 'MCDONALDS F23456 CHICAGO IL');
    same('WAL-MART #1234 BENTONVILLE AR', 'WALMART #5678 BENTONVILLE AR');
    same('Kartenzahlung girocard REWE Markt GmbH Berlin 2024-01-31T12:34', 'REWE Markt GmbH');
  });

  it('keeps different merchants apart', () => {
    expect(merchantKey('STARBUCKS STORE #1')).not.toBe(merchantKey('PEETS COFFEE #1'));
    expect(merchantKey('SHELL OIL 57444')).not.toBe(merchantKey('CHEVRON 0094'));
  });

  it('returns lower-case words without punctuation for any text, and never throws (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const normalised = normaliseDescription(text);
        const key = merchantKey(text);
        const tidy = (s: string) => s === s.trim() && !/\s{2}/.test(s) && !/[\p{P}\p{S}\p{Lu}\p{Cc}]/u.test(s) && !s.includes('\uE000');
        return tidy(normalised) && tidy(key);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('stays fast on long noisy input', () => {
    const noisy = 'POS 12/31 ' + 'X'.repeat(5000) + ' #123 '.repeat(500);
    const started = performance.now();
    merchantKey(noisy);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
