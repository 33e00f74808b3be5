// Opens the Export dialog when the session asks for it; the dialog's module (Kubernetes schemas, Monaco)
// is fetched on first use, so start-up never pays for it.
import { lazy, Suspense } from 'react';
import { useAppStore } from '../app/context';

const ExportDialog = lazy(async () => ({ default: (await import('./ExportDialog')).ExportDialog }));

export function ExportDialogHost() {
  const open = useAppStore((s) => s.exporting);
  if (!open) return null;
  return (
    <Suspense
      fallback={
        <div className="dialog-backdrop">
          <div className="dialog" role="dialog" aria-busy="true" data-testid="export-loading">
            Loading the exporter…
          </div>
        </div>
      }
    >
      <ExportDialog />
    </Suspense>
  );
}
