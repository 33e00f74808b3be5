// The commands of `topo`, one registry entry each: name, usage line, summary and run.
import { analyzeFailure, listFailureDomainsHint } from './blast-domain';
import { domainsTable, impactTable } from '../shared/blast/table';
import { summarizeBlastRadius } from '../shared/blast/summary';
import { estimateCost } from '../shared/cost/estimate';
import { costTable, isCostGroupBy } from '../shared/cost/table';
import { DESIGN_SIDE, compareDesigns, compareSide, compareSides } from '../shared/compare/compare';
import { comparisonSheet, comparisonTables } from '../shared/compare/table';
import { formatProblem } from '../shared/format/document-file';
import { runRules } from '../shared/rules/engine';
import type { Table, TableFormat } from '../shared/report/table';
import { renderTable } from '../shared/report/table';
import type { CliIo } from './io';
import { EXIT } from './io';
import { loadForCommand, shippedCatalog } from './load';
import { exportBundle } from '../shared/export/bundle';
import { BundleWriteError, writeBundle } from '../node/bundle-writer';
import { validateK8sObject } from '../shared/export/k8s-validator';

/** What every command receives from the argument parser. */
export interface CommandContext {
  readonly file: string;
  readonly format: TableFormat;
  readonly failOn: 'error' | 'warning';
  readonly domain?: string;
  readonly by?: string;
  readonly out?: string;
  readonly stack?: string;
  /** The sides of `compare`: `design` or a scenario id. */
  readonly a?: string;
  readonly b?: string;
  /** Version of the tool (written into exported bundles). */
  readonly version?: string;
  readonly io: CliIo;
}

export interface CliCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(context: CommandContext): number | Promise<number>;
}

/** A located finding as every command prints it. */
interface Finding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly elementId?: string;
  /** What to do about it (design rules always say). */
  readonly fix?: string;
}

function findingsTable(file: string, findings: readonly Finding[]): Table {
  return {
    title: `Problems in ${file}`,
    columns: [
      { key: 'location', title: 'Location' },
      { key: 'severity', title: 'Severity' },
      { key: 'code', title: 'Code' },
      { key: 'element', title: 'Element' },
      { key: 'message', title: 'Message' },
      { key: 'fix', title: 'Fix' },
    ],
    rows: findings.map((f) => ({
      location: f.line ? `${file}:${f.line}:${f.column ?? 1}` : file,
      severity: f.severity,
      code: f.code,
      element: f.elementId ?? '',
      message: f.message,
      fix: f.fix ?? '',
    })),
  };
}

/** Exit code for a set of findings under `--fail-on`. */
function exitFor(findings: readonly Finding[], failOn: 'error' | 'warning'): number {
  const failing = findings.some(
    (f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'),
  );
  return failing ? EXIT.findings : EXIT.ok;
}

const validate: CliCommand = {
  name: 'validate',
  usage: 'validate FILE [--format F] [--fail-on L]',
  summary: 'check the file, the model and the design rules',
  run({ file, format, failOn, io }) {
    const loaded = loadForCommand(file, io);
    if (!loaded.ok) return loaded.code;
    const diagnostics = runRules(loaded.document, shippedCatalog()).map((d): Finding => ({
      ...d,
      ...loaded.locate(d.path),
      fix: d.fix.label,
    }));
    const findings: Finding[] = [...loaded.warnings, ...diagnostics];
    if (format === 'table') {
      for (const f of findings) {
        io.stdout(`${formatProblem(file, f)}\n`);
        if (f.fix) io.stdout(`  fix: ${f.fix}\n`);
      }
      const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
      io.stdout(
        `${file}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)\n`,
      );
    } else io.stdout(renderTable(findingsTable(file, findings), format));
    return exitFor(findings, failOn);
  },
};

const cost: CliCommand = {
  name: 'cost',
  usage: 'cost FILE [--by category|region|cluster|pool|line]',
  summary: 'monthly cost, every line with its unit price, source and date',
  run({ file, format, by, io }) {
    const groupBy = by ?? 'category';
    if (!isCostGroupBy(groupBy)) {
      io.stderr(`topo: --by must be category, region, cluster, pool or line, not "${groupBy}"\n`);
      return EXIT.usage;
    }
    const loaded = loadForCommand(file, io);
    if (!loaded.ok) return loaded.code;
    const report = estimateCost(loaded.document, shippedCatalog());
    io.stdout(
      format === 'json' && groupBy === 'line'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderTable(costTable(report, groupBy), format),
    );
    return EXIT.ok;
  },
};

const blast: CliCommand = {
  name: 'blast',
  usage: 'blast FILE [--domain ID]',
  summary: 'failure domains worst first, or what one failure breaks',
  run({ file, format, domain, io }) {
    const loaded = loadForCommand(file, io);
    if (!loaded.ok) return loaded.code;
    const catalog = shippedCatalog();
    if (domain === undefined) {
      io.stdout(renderTable(domainsTable(summarizeBlastRadius(loaded.document, catalog)), format));
      return EXIT.ok;
    }
    const impact = analyzeFailure(loaded.document, domain, catalog);
    if (!impact.ok) {
      io.stderr(`topo: ${impact.message}\n${listFailureDomainsHint(loaded.document)}`);
      return EXIT.usage;
    }
    io.stdout(renderTable(impactTable(impact.impact), format));
    return EXIT.ok;
  },
};

const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export FILE --out DIR [--stack NAME]',
  summary: 'write the validated bundle: Pulumi program, Kubernetes manifests, reports',
  async run({ file, out, stack, version, io }) {
    if (out === undefined || out === '') {
      io.stderr('topo: export needs --out DIR (the folder to write the bundle into)\n');
      return EXIT.usage;
    }
    const loaded = loadForCommand(file, io);
    if (!loaded.ok) return loaded.code;
    const result = exportBundle(loaded.document, shippedCatalog(), {
      ...(stack !== undefined ? { stack } : {}),
      generatorVersion: version ?? '0.0.0',
      validateK8s: validateK8sObject,
    });
    if (!result.ok) {
      for (const d of result.diagnostics) {
        const where = d.file ? `${out}/${d.file}` : file;
        const at = d.file === undefined && d.path ? loaded.locate(d.path) : undefined;
        io.stderr(`${formatProblem(where, { ...d, ...at })}${d.elementId ? ` [${d.elementId}]` : ''}\n`);
        if (d.fix) io.stderr(`  fix: ${d.fix}\n`);
      }
      io.stderr(`topo: export refused: ${result.diagnostics.length} problem(s); nothing was written\n`);
      return result.diagnostics.some((d) => d.code === 'export.stack-name') ? EXIT.usage : EXIT.findings;
    }
    try {
      const written = await writeBundle(out, result.files);
      io.stdout(
        `${out}: wrote ${written.written} files (${result.warnings.length} design warning(s) in reports/diagnostics.md)\n`,
      );
      if (written.removed.length > 0)
        io.stdout(
          `  removed ${written.removed.length} file(s) the previous export had and this one does not\n`,
        );
      for (const p of written.editedByHand)
        io.stdout(`  warning: ${out}/${p} had been edited by hand; the export replaced it\n`);
      return EXIT.ok;
    } catch (error) {
      // A refusal (BundleWriteError) or an I/O error: either way nothing was half-written.
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(
        `topo: cannot write the bundle${error instanceof BundleWriteError ? '' : ' (I/O)'}: ${message}\n`,
      );
      return EXIT.usage;
    }
  },
};

const compare: CliCommand = {
  name: 'compare',
  usage: 'compare FILE [--a SIDE] [--b SIDE]',
  summary: 'two scenarios side by side: cost, blast radius, problems gained and lost',
  run({ file, format, a, b, io }) {
    const loaded = loadForCommand(file, io);
    if (!loaded.ok) return loaded.code;
    const doc = loaded.document;
    const scenarios = doc.scenarios ?? [];
    const choices = compareSides(doc)
      .map((side) => side.id)
      .join(', ');
    const idA = a ?? DESIGN_SIDE;
    const idB = b ?? (idA === DESIGN_SIDE ? scenarios[0]?.id : DESIGN_SIDE);
    if (idB === undefined) {
      io.stderr(
        `topo: ${file} has no scenarios to compare with the design; save one in the app (Scenarios view) first
`,
      );
      return EXIT.usage;
    }
    const sideA = compareSide(doc, idA);
    const sideB = compareSide(doc, idB);
    for (const [flag, id, side] of [
      ['--a', idA, sideA],
      ['--b', idB, sideB],
    ] as const) {
      if (!side) {
        io.stderr(`topo: ${flag} "${id}" is neither the design nor a scenario of ${file}; choose one of: ${choices}
`);
        return EXIT.usage;
      }
    }
    const result = compareDesigns(sideA!, sideB!, shippedCatalog());
    if (format === 'json')
      io.stdout(`${JSON.stringify(result, null, 2)}
`);
    else if (format === 'csv') io.stdout(renderTable(comparisonSheet(result), 'csv'));
    else
      io.stdout(
        comparisonTables(result)
          .map((table) => renderTable(table, format))
          .join('\n'),
      );
    return EXIT.ok;
  },
};

/** Every command, in the order `topo --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [validate, cost, blast, compare, exportCommand];

/** The command with this name, if there is one. */
export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === name);
}
