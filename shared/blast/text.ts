// Number formatting for the engine's explanations: locale-free, so a report reads the same on every machine.

/** A number for prose: at most two decimals, thousands separated by commas, `unlimited` for Infinity. */
export function num(value: number): string {
  if (value === Infinity) return 'unlimited';
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  const abs = Math.abs(rounded);
  if (abs < 1000) return String(rounded === 0 ? 0 : rounded);
  const whole = String(Math.trunc(abs));
  const fraction = String(abs).slice(whole.length);
  let grouped = whole.slice(0, whole.length % 3 || 3);
  for (let i = grouped.length; i < whole.length; i += 3) grouped += `,${whole.slice(i, i + 3)}`;
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction}`;
}

/** A share 0-1 as a percentage with at most one decimal, e.g. `66.7%`. */
export function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** Rounds to a fixed number of decimals (reports keep stable figures; ties never depend on float noise). */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
