// The reports of the bundle (reports/): cost line by line as CSV, cost by category and by pool, the
// blast radius worst first with single points of failure and N+1 zone survivability, and every
// design-rule diagnostic. Each is a table of shared/report rendered as CSV or Markdown.
import { domainsTable } from '../blast/table';
import type { BlastSummary } from '../blast/types';
import { costTable } from '../cost/table';
import type { CostReport } from '../cost/types';
import type { Table } from '../report/table';
import { toCsv, toMarkdown } from '../report/table';
import type { Diagnostic } from '../rules/types';
import { formatPath } from '../util/text';
import type { BundleFile } from './types';

function diagnosticsTable(diagnostics: readonly Diagnostic[]): Table {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  return {
    title: `Design-rule diagnostics: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)`,
    columns: [
      { key: 'severity', title: 'Severity' },
      { key: 'code', title: 'Code' },
      { key: 'element', title: 'Element' },
      { key: 'path', title: 'Path' },
      { key: 'message', title: 'Message' },
      { key: 'fix', title: 'Fix' },
    ],
    rows: diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      element: d.elementId,
      path: formatPath(d.path),
      message: d.message,
      fix: d.fix.label,
    })),
  };
}

/** The files of reports/. */
export function reportFiles(
  cost: CostReport,
  blast: BlastSummary,
  diagnostics: readonly Diagnostic[],
): BundleFile[] {
  return [
    { path: 'reports/cost.csv', content: toCsv(costTable(cost, 'line')) },
    {
      path: 'reports/cost.md',
      content: `# Monthly cost\n\n${toMarkdown(costTable(cost, 'category'))}\n${toMarkdown(costTable(cost, 'pool'))}`,
    },
    { path: 'reports/blast-radius.md', content: `# Blast radius\n\n${toMarkdown(domainsTable(blast))}` },
    {
      path: 'reports/diagnostics.md',
      content: `# Diagnostics\n\n${toMarkdown(diagnosticsTable(diagnostics))}`,
    },
  ];
}
