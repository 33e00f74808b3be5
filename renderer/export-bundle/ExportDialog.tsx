// The Export dialog: the deployable bundle of the design (Pulumi program, Kubernetes/Karpenter manifests,
// reports, bundle.json). Validation comes first: design-rule errors, Kubernetes schema violations and
// cross-file problems block the export and are listed with their element or file. Then the user chooses the
// folder; the dialog reads the previous export there and shows every file in a tree marked new, changed,
// unchanged or removed, each in a read-only Monaco viewer (a side-by-side diff for a changed file). Writing
// goes through the host, which alone touches the disk. Loaded on first use (the Kubernetes schemas and
// Monaco are large).
import { useEffect, useMemo, useRef, useState } from 'react';
import { ZIP_MIME_TYPE } from '../../shared/export/bundle-zip';
import type { BundleChange, BundleChangeKind } from '../../shared/export/bundle-folder';
import { countChanges, diffBundles } from '../../shared/export/bundle-folder';
import type { ExportDiagnostic, ExportResult } from '../../shared/export/types';
import type { BundleFolder, WrittenBundle } from '../../shared/host/host-api';
import { effectiveTheme } from '../commands/app-commands';
import { useAppStore, useServices } from '../app/context';
import { exportFileName } from '../exports/table-export';
import { Modal } from '../ui/Modal';
import { generateBundle, zipBundle } from './generate';
import type { BundleViewer } from './viewer';
import { createBundleViewer } from './viewer';
import './export-dialog.css';

const KIND_LABEL: Record<BundleChangeKind, string> = {
  added: 'new',
  changed: 'changed',
  unchanged: 'unchanged',
  removed: 'removed',
};

type Stage =
  | { readonly step: 'validating' }
  | { readonly step: 'ready'; readonly result: ExportResult }
  | { readonly step: 'failed'; readonly message: string };

/** A folder row of the tree, or a file row, in display order. */
interface TreeRow {
  readonly key: string;
  readonly depth: number;
  readonly name: string;
  readonly change?: BundleChange;
}

/** The rows of a file tree for sorted paths: each folder once, before its files, indented by depth. */
function treeRows(changes: readonly BundleChange[]): readonly TreeRow[] {
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  for (const change of changes) {
    const parts = change.path.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      const folder = parts.slice(0, i + 1).join('/');
      if (seen.has(folder)) continue;
      seen.add(folder);
      rows.push({ key: `${folder}/`, depth: i, name: `${parts[i]}/` });
    }
    rows.push({ key: change.path, depth: parts.length - 1, name: parts.at(-1)!, change });
  }
  return rows;
}

function where(d: ExportDiagnostic): string {
  return d.file ?? d.elementId ?? '';
}

export function ExportDialog() {
  const services = useServices();
  const doc = useAppStore((s) => s.doc);
  const theme = effectiveTheme(useAppStore((s) => s.theme));
  const close = () => services.store.getState().setExporting(false);
  const [stage, setStage] = useState<Stage>({ step: 'validating' });
  const exported = useRef<typeof doc | null>(null);
  const [folder, setFolder] = useState<BundleFolder | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const [written, setWritten] = useState<WrittenBundle | null>(null);
  const viewerBox = useRef<HTMLDivElement>(null);
  const viewer = useRef<BundleViewer | null>(null);

  // Generate and validate once per opening, in the export worker (generate.ts); an answer that comes after
  // the dialog closed is dropped.
  useEffect(() => {
    let open = true;
    exported.current = services.store.getState().doc;
    generateBundle(exported.current, services.catalog).then(
      (result) => {
        if (open) setStage({ step: 'ready', result });
      },
      (error: unknown) => {
        if (open)
          setStage({ step: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      open = false;
    };
  }, [services]);

  const files = stage.step === 'ready' && stage.result.ok ? stage.result.files : null;
  const changes = useMemo(() => (files ? diffBundles(folder?.previous ?? null, files) : []), [files, folder]);
  const rows = useMemo(() => treeRows(changes), [changes]);
  const counts = countChanges(changes);
  const current =
    changes.find((c) => c.path === selected) ?? changes.find((c) => c.kind !== 'unchanged') ?? changes[0];
  const stale = exported.current !== null && exported.current.spec !== doc.spec;

  useEffect(() => {
    if (!viewerBox.current || !current) return;
    viewer.current ??= createBundleViewer(viewerBox.current, theme === 'dark');
    viewer.current.show(current.path, current.next, current.previous);
  }, [current, theme]);
  useEffect(() => () => viewer.current?.dispose(), []);

  const chooseFolder = async () => {
    if (!files) return;
    setBusy(true);
    setMessage(null);
    setWritten(null);
    const answer = await services.host.chooseBundleFolder({ paths: files.map((f) => f.path) });
    setBusy(false);
    if (!answer.ok) setMessage({ kind: 'error', text: answer.error.message });
    else if (answer.value) setFolder(answer.value);
  };

  const write = async () => {
    if (!files || !folder) return;
    setBusy(true);
    setMessage(null);
    const answer = await services.host.writeBundle({ folderId: folder.folderId, files });
    setBusy(false);
    if (!answer.ok) {
      setMessage({ kind: 'error', text: answer.error.message });
      return;
    }
    setWritten(answer.value);
    const edited = answer.value.editedByHand;
    setMessage({
      kind: 'done',
      text:
        `Wrote ${answer.value.written} files to ${answer.value.label}` +
        (answer.value.removed.length > 0
          ? `; removed ${answer.value.removed.length} the design no longer makes`
          : '') +
        (edited.length > 0 ? `; replaced ${edited.length} edited by hand (${edited.join(', ')})` : '') +
        '.',
    });
    // What is in the folder now is this bundle: the next diff is against it.
    setFolder({ ...folder, previous: files, foreign: [] });
  };

  // The bundle as one archive, through the host's save (a download in the browser): for browsers that cannot
  // write into a folder, and for handing the bundle on as one file.
  const saveZip = async () => {
    if (!files) return;
    setBusy(true);
    setMessage(null);
    const name = exportFileName((exported.current ?? doc).metadata.name, 'bundle');
    try {
      const answer = await services.host.exportFile({
        suggestedName: `${name}.zip`,
        mimeType: ZIP_MIME_TYPE,
        data: await zipBundle(files, name),
      });
      if (!answer.ok) setMessage({ kind: 'error', text: answer.error.message });
      else if (answer.value) {
        setMessage({
          kind: 'done',
          text: `Saved the ${files.length} files as ${answer.value.name} (in its folder ${name}/).`,
        });
      }
    } catch (error) {
      setMessage({
        kind: 'error',
        text: `The archive could not be made: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      setBusy(false);
    }
  };

  const selectElement = (id: string | undefined) => {
    if (!id) return;
    services.store.getState().setSelection([id]);
    close();
  };

  const blocked = folder !== null && (folder.problem !== undefined || folder.foreign.length > 0);

  return (
    <Modal labelledBy="export-title" testId="export-dialog" className="dialog export-dialog" onCancel={close}>
      <h2 id="export-title">Export deployable bundle</h2>
      {stage.step === 'validating' && (
        <p data-testid="export-status">Generating and validating the bundle…</p>
      )}
      {stage.step === 'failed' && (
        <p className="export-error" role="alert" data-testid="export-status">
          The bundle could not be generated: {stage.message}
        </p>
      )}
      {stage.step === 'ready' && !stage.result.ok && (
        <>
          <p role="alert" data-testid="export-status">
            {stage.result.diagnostics.length} problem{stage.result.diagnostics.length === 1 ? '' : 's'} block
            the export; nothing was written. Fix them in the design and export again.
          </p>
          <ul className="export-problems" data-testid="export-problems">
            {stage.result.diagnostics.map((d, i) => (
              <li key={i} className={`severity-${d.severity}`}>
                <button type="button" className="link-button" onClick={() => selectElement(d.elementId)}>
                  <strong>{d.code}</strong> {d.message}
                </button>
                {where(d) && <small> ({where(d)})</small>}
                {d.fix && <small> — {d.fix}</small>}
              </li>
            ))}
          </ul>
        </>
      )}
      {files && stage.step === 'ready' && stage.result.ok && (
        <>
          <p data-testid="export-status">
            Valid: {files.length} files (design rules, Kubernetes schemas incl. Karpenter v1, cross-file
            checks).
            {stage.result.warnings.length > 0 &&
              ` ${stage.result.warnings.length} warning(s) are in reports/diagnostics.md.`}
          </p>
          <div className="export-folder">
            <button
              type="button"
              className="button"
              data-testid="export-choose-folder"
              disabled={busy}
              onClick={() => void chooseFolder()}
            >
              {folder ? 'Change folder…' : 'Choose folder…'}
            </button>
            <button
              type="button"
              className="button"
              data-testid="export-save-zip"
              disabled={busy}
              title="Save the bundle as one .zip file instead of writing it into a folder"
              onClick={() => void saveZip()}
            >
              Save as .zip…
            </button>
            <span data-testid="export-folder">
              {folder
                ? `${folder.label}: ${folder.previous ? 'diff against the export already there' : 'no previous export'}`
                : 'No folder chosen yet: every file is shown as new.'}
            </span>
          </div>
          {folder?.problem && (
            <p className="export-error" role="alert" data-testid="export-blocked">
              {folder.problem}
            </p>
          )}
          {folder && folder.foreign.length > 0 && (
            <p className="export-error" role="alert" data-testid="export-blocked">
              {folder.foreign.length} file(s) in the way were not written by an export and will not be
              overwritten: {folder.foreign.slice(0, 5).join(', ')}
              {folder.foreign.length > 5 ? ', …' : ''}. Move them away or choose another folder.
            </p>
          )}
          <p className="export-counts" data-testid="export-counts">
            {counts.added} new · {counts.changed} changed · {counts.removed} removed · {counts.unchanged}{' '}
            unchanged
          </p>
          <div className="export-body">
            <ul
              className="export-tree"
              role="tree"
              aria-label="Files of the bundle"
              data-testid="export-tree"
            >
              {rows.map((row) =>
                row.change ? (
                  <li
                    key={row.key}
                    role="treeitem"
                    aria-selected={current?.path === row.key}
                    data-path={row.key}
                    data-kind={row.change.kind}
                    className={`export-file kind-${row.change.kind}`}
                    style={{ paddingLeft: `${row.depth * 12 + 4}px` }}
                    onClick={() => setSelected(row.key)}
                  >
                    <span>{row.name}</span>
                    <small>{KIND_LABEL[row.change.kind]}</small>
                  </li>
                ) : (
                  <li
                    key={row.key}
                    role="treeitem"
                    className="export-folder-row"
                    style={{ paddingLeft: `${row.depth * 12 + 4}px` }}
                  >
                    {row.name}
                  </li>
                ),
              )}
            </ul>
            <div className="export-viewer">
              <div className="export-viewer-title" data-testid="export-viewer-title">
                {current ? `${current.path} (${KIND_LABEL[current.kind]})` : ''}
              </div>
              <div className="export-viewer-box" ref={viewerBox} data-testid="export-viewer" />
            </div>
          </div>
        </>
      )}
      {message && (
        <p
          className={message.kind === 'error' ? 'export-error' : 'export-done'}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="export-message"
        >
          {message.text}
        </p>
      )}
      {stale && files && (
        <p className="export-note">
          The design changed since this dialog opened; close and export again to include it.
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" className="button" data-testid="export-close" onClick={close}>
          {written ? 'Done' : 'Close'}
        </button>
        {files && (
          <button
            type="button"
            className="button primary"
            data-testid="export-write"
            disabled={busy || !folder || blocked || counts.added + counts.changed + counts.removed === 0}
            onClick={() => void write()}
          >
            Write {files.length} files
          </button>
        )}
      </div>
    </Modal>
  );
}
