// The severity marks of problems: a filled circle with a glyph, coloured by severity.
import type { Severity } from '../../shared/rules/types';

const GLYPH: Readonly<Record<Severity, string>> = { error: '!', warning: '!', info: 'i' };
const LABEL: Readonly<Record<Severity, string>> = { error: 'Error', warning: 'Warning', info: 'Note' };

export function SeverityIcon({ severity }: { severity: Severity }) {
  return (
    <span
      className={`severity-icon severity-${severity}`}
      role="img"
      aria-label={LABEL[severity]}
      title={LABEL[severity]}
    >
      {GLYPH[severity]}
    </span>
  );
}
