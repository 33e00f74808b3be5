import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { run } from './main';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OTT = `${ROOT}resources/templates/ott-streaming-platform.topo.yaml`;

/** Runs the tool in memory with a small virtual file system. */
async function topo(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: (path) => {
      if (path in files) return new TextEncoder().encode(files[path]);
      return readFileSync(path);
    },
    isTty: false,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

const BAD = `apiVersion: topology-designer.dev/v1
kind: Topology
schemaVersion: 1
metadata:
  name: broken
spec:
  regions:
    - id: use1
      name: us-east-1
      code: us-east-1
  zones:
    - id: use1-a
      name: a
      region: use1
      zoneName: us-east-1a
  clusters:
    - id: api
      name: api
      region: use1
      role: api
      kubernetesVersion: "1.31"
      zones: [use1-a]
      network: { vpcCidr: 10.0.0.0/16, serviceCidr: 172.20.0.0/16 }
  nodePools:
    - id: api-pool
      name: api
      cluster: api
      role: general
      provisioner: managed
      instanceTypes: [m6i.large]
      nodesPerAz: { min: 3, desired: 2, max: 1 }
`;

describe('topo', () => {
  it('prints help and the version', async () => {
    const help = await topo(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: topo <command> FILE [options]');
    expect(help.stdout).toContain('validate FILE');
    expect((await topo(['--version'])).stdout).toBe('0.1.0\n');
  });

  it('refuses bad usage with exit code 2 and says what is wrong', async () => {
    expect(await topo([])).toMatchObject({ code: 2 });
    expect(await topo(['explode', 'x'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command "explode"'),
    });
    expect(await topo(['validate', OTT, '--format', 'xml'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be table, json, csv or md, not "xml"'),
    });
    expect(await topo(['validate', OTT, '--fail-on', 'info'])).toMatchObject({ code: 2 });
    expect(await topo(['validate'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('validate takes one file'),
    });
    expect(await topo(['validate', OTT, '--colour'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("'--colour'"),
    });
  });

  it('says when a file cannot be read', async () => {
    const result = await topo(['validate', '/nonexistent/x.topo.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('topo: /nonexistent/x.topo.yaml: no such file\n');
    expect((await topo(['validate', ROOT])).stderr).toContain('is a folder');
  });

  it('validates a template cleanly', async () => {
    const result = await topo(['validate', OTT]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 error(s), 0 warning(s), 0 note(s)');
  });

  it('runs the design rules and prints each finding at its line with its fix', async () => {
    const startup = `${ROOT}resources/templates/single-cluster-startup.topo.yaml`;
    const result = await topo(['validate', startup]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /single-cluster-startup\.topo\.yaml:\d+:\d+: warning pool\.system-min-nodes: system pool keeps 1 node per AZ/,
    );
    expect(result.stdout).toContain('  fix: Keep at least 3 nodes per AZ');
    expect((await topo(['validate', startup, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('reports problems in compiler style with line and column, exit 1', async () => {
    const result = await topo(['validate', 'bad.topo.yaml'], { 'bad.topo.yaml': BAD });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^bad\.topo\.yaml:31:\d+: error \S+: .*nodesPerAz.*desired.*must be ≥ min \(3\)/m,
    );
  });

  it('writes machine-readable findings with --format json', async () => {
    const result = await topo(['validate', OTT, '--format', 'json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: [] });
  });
});

describe('topo cost', () => {
  it('prints the cost by category with totals, incompleteness and sources', async () => {
    const result = await topo(['cost', OTT]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^EC2 compute\s+[\d,]+\.\d\d\s+[\d,]+\.\d\d\s+\d+\s+complete$/m);
    expect(result.stdout).toMatch(/^EKS control plane .* incomplete \(6 unpriced\)$/m);
    expect(result.stdout).toContain('karpenter-pricing (2026-07-20, Apache-2.0)');
  });

  it('groups by pool as CSV with plain numbers that add up to the report', async () => {
    const csv = (await topo(['cost', OTT, '--by', 'pool', '--format', 'csv'])).stdout;
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe('Pool,Expected (USD),Maximum (USD),Items,Status');
    const apiPool = rows.find((r) => r.startsWith('API cluster (us-east-1) / api,'));
    expect(apiPool).toMatch(/^API cluster \(us-east-1\) \/ api,\d+(\.\d+)?,\d+(\.\d+)?,\d+,complete$/);
    const report = JSON.parse((await topo(['cost', OTT, '--by', 'line', '--format', 'json'])).stdout);
    const total = rows.find((r) => r.startsWith('Infrastructure total,'))!.split(',');
    expect(Number(total[1])).toBeCloseTo(report.totals.infrastructure.expected, 2);
  });

  it('writes the whole report, line by line, as JSON', async () => {
    const report = JSON.parse((await topo(['cost', OTT, '--by', 'line', '--format', 'json'])).stdout);
    expect(report.totals.infrastructure.complete).toBe(false);
    expect(report.lines.length).toBe(report.totals.grand.items);
  });

  it('refuses an unknown grouping', async () => {
    expect(await topo(['cost', OTT, '--by', 'colour'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--by must be'),
    });
  });
});

describe('topo blast', () => {
  it('lists failure domains worst first', async () => {
    const result = await topo(['blast', OTT]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[4]).toMatch(/^region:use1\s+region/);
  });

  it('shows that losing the ML cluster leaves the API and media clusters and streaming up', async () => {
    const result = await topo(['blast', OTT, '--domain', 'cluster:use1-ml', '--format', 'json']);
    const rows = JSON.parse(result.stdout).rows as { workload: string; status: string }[];
    expect(rows.filter((r) => r.status === 'down').map((r) => r.workload)).toEqual([
      'use1-personalisation',
      'use1-recommendations',
    ]);
    expect(rows.find((r) => r.workload === 'use1-catalog')?.status).toBe('degraded');
    expect(rows.some((r) => r.workload === 'use1-streaming')).toBe(false);
  });

  it('suggests a domain for a typo', async () => {
    const result = await topo(['blast', OTT, '--domain', 'zone:use1-x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean "zone:use1-a"?');
  });
});

describe('topo export', () => {
  const STARTUP = `${ROOT}resources/templates/single-cluster-startup.topo.yaml`;
  let dir = '';
  const fresh = () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(path.join(os.tmpdir(), 'topo-export-'));
    return path.join(dir, 'bundle');
  };

  it('needs --out', async () => {
    expect(await topo(['export', STARTUP])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('needs --out DIR'),
    });
  });

  it('writes the validated bundle, and replaces it on the next export while keeping files it did not write', async () => {
    const out = fresh();
    const first = await topo(['export', STARTUP, '--out', out, '--stack', 'prod']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/wrote 19 files \(2 design warning\(s\) in reports\/diagnostics\.md\)/);
    expect(readdirSync(path.join(out, 'pulumi')).sort()).toEqual([
      'Pulumi.prod.yaml',
      'Pulumi.yaml',
      'README.md',
      'index.ts',
      'package.json',
      'tsconfig.json',
    ]);
    expect(JSON.parse(readFileSync(path.join(out, 'bundle.json'), 'utf8'))).toMatchObject({
      stack: 'prod',
      generator: { version: '0.1.0' },
    });
    writeFileSync(path.join(out, 'NOTES.md'), 'ours, not the tool’s');
    const second = await topo(['export', STARTUP, '--out', out]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('removed 1 file(s)');
    expect(existsSync(path.join(out, 'pulumi/Pulumi.prod.yaml'))).toBe(false);
    expect(existsSync(path.join(out, 'pulumi/Pulumi.dev.yaml'))).toBe(true);
    expect(readFileSync(path.join(out, 'NOTES.md'), 'utf8')).toBe('ours, not the tool’s');
  });

  it('refuses a design with errors, compiler-style at the line of the problem, and writes nothing', async () => {
    const out = fresh();
    const text = readFileSync(STARTUP, 'utf8').replace(
      'taints: []\n      labels:\n        workload: general',
      'taints:\n        - key: dedicated\n          value: x\n          effect: NoSchedule\n      labels:\n        workload: general',
    );
    expect(text).toContain('key: dedicated');
    const result = await topo(['export', 'tainted.topo.yaml', '--out', out], { 'tainted.topo.yaml': text });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^tainted\.topo\.yaml:\d+:\d+: error workload\.untolerated-taint: .* \[web\]$/m,
    );
    expect(result.stderr).toContain('nothing was written');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to overwrite a file it did not write (exit 2) and a stack name that is not a name', async () => {
    const out = fresh();
    await topo(['export', STARTUP, '--out', path.join(dir, 'other')]);
    writeFileSync(path.join(dir, 'other', 'bundle.json'), '{}');
    expect(await topo(['export', STARTUP, '--out', path.join(dir, 'other')])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not a bundle manifest of ours'),
    });
    expect(await topo(['export', STARTUP, '--out', out, '--stack', '../../x'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('export.stack-name'),
    });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the bundled binary', () => {
  it('runs from dist/cli/topo.mjs', () => {
    execFileSync('npx', ['tsx', 'scripts/build-cli.ts'], { cwd: ROOT, stdio: 'pipe' });
    const ok = spawnSync(process.execPath, [`${ROOT}dist/cli/topo.mjs`, 'validate', OTT], {
      encoding: 'utf8',
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('0 error(s), 0 warning(s)');
  });
});
