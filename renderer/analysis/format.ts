// Money and shares as the panels show them: compact monthly amounts (`$12.3k/mo`), full amounts for
// breakdowns, percentages. A missing price is never shown as 0: views say "no price" or "incomplete".

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

function withCurrency(number: string, currency: string): string {
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${number}` : `${number} ${currency}`;
}

/** `$850`, `$12.3k`, `$1.25M`: short enough for a node header or the status bar. */
export function compactMoney(amount: number, currency = 'USD'): string {
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  let text: string;
  if (abs < 1000) text = abs < 10 ? abs.toFixed(2).replace(/\.00$/, '') : String(Math.round(abs));
  else if (abs < 1_000_000) text = `${trim((abs / 1000).toFixed(abs < 100_000 ? 1 : 0))}k`;
  else if (abs < 1_000_000_000) text = `${trim((abs / 1_000_000).toFixed(abs < 10_000_000 ? 2 : 1))}M`;
  else text = `${trim((abs / 1_000_000_000).toFixed(2))}B`;
  return sign + withCurrency(text, currency);
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** `$12,345.67`: a full amount with cents. */
export function fullMoney(amount: number, currency = 'USD'): string {
  const text = Math.abs(amount).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return (amount < 0 ? '-' : '') + withCurrency(text, currency);
}

/** `12.5%` of a share 0-1. */
export function percent(share: number, digits = 1): string {
  return `${trim((share * 100).toFixed(digits))}%`;
}
