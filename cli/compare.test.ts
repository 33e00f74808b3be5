import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDocument, saveDocument } from '../shared/format/document-file';
import { executeCommand } from '../shared/model/commands';
import type { Command } from '../shared/model/commands';
import type { TopologyDocument } from '../shared/model/schema';
import type { CliIo } from './io';
import { run } from './main';

const OTT = fileURLToPath(
  new URL('../resources/templates/ott-streaming-platform.topo.yaml', import.meta.url),
);

/** Runs the tool in memory with a small virtual file system. */
async function topo(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: (path) => (path in files ? new TextEncoder().encode(files[path]) : readFileSync(path)),
    isTty: false,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

function apply(doc: TopologyDocument, command: Command): TopologyDocument {
  const result = executeCommand(doc, command);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

/** The OTT template saved as scenario "3 AZs, 70% spot", then its us-east-1 API pool moved to on-demand. */
function scenarioFile(): string {
  const loaded = loadDocument(readFileSync(OTT));
  if (!loaded.ok) throw new Error('the OTT template does not load');
  let doc = apply(loaded.document, { type: 'saveScenario', name: '3 AZs, 70% spot' });
  doc = apply(doc, {
    type: 'update',
    id: 'use1-api-general',
    changes: { capacity: { spotAllowed: false, spotPercent: 0 } },
  });
  return saveDocument(doc);
}

const FILES = { 'variants.topo.yaml': scenarioFile() };

describe('topo compare', () => {
  it('compares the design with its first scenario by default: cost, blast radius and problems', async () => {
    const result = await topo(['compare', 'variants.topo.yaml'], FILES);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Monthly cost: "3 AZs, 70% spot" against "Design" (USD)');
    expect(result.stdout).toMatch(/^EC2 compute\s+[\d,]+\.\d\d\s+[\d,]+\.\d\d\s+-[\d,]+\.\d\d\s+-\d+\.\d%/m);
    expect(result.stdout).toContain('Blast radius per failure domain');
    expect(result.stdout).toContain('Problems: "3 AZs, 70% spot" against "Design"');
  });

  it('takes the sides from --a and --b and writes JSON whose deltas are B - A', async () => {
    const forward = JSON.parse(
      (
        await topo(
          ['compare', 'variants.topo.yaml', '--a', '3-azs-70-spot', '--b', 'design', '--format', 'json'],
          FILES,
        )
      ).stdout,
    );
    expect(forward.a).toEqual({ id: '3-azs-70-spot', label: '3 AZs, 70% spot' });
    const compute = forward.cost.categories.find((c: { key: string }) => c.key === 'compute');
    expect(compute.expected.delta).toBeGreaterThan(0);
    expect(compute.expected.delta).toBeCloseTo(compute.expected.b - compute.expected.a, 2);
  });

  it('writes one CSV table with every section', async () => {
    const csv = (await topo(['compare', 'variants.topo.yaml', '--format', 'csv'], FILES)).stdout;
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe('Section,Item,A: Design,"B: 3 AZs, 70% spot",Delta (B - A),Note');
    expect(rows.some((r) => r.startsWith('"Cost (USD/month, expected)",EC2 compute,'))).toBe(true);
  });

  it('refuses an unknown side, and a file without scenarios, with a message', async () => {
    const unknown = await topo(['compare', 'variants.topo.yaml', '--b', 'nope'], FILES);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--b "nope" is neither the design nor a scenario');
    expect(unknown.stderr).toContain('design, 3-azs-70-spot');
    const none = await topo(['compare', OTT]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('has no scenarios to compare with the design');
  });
});
