// The YAML side panel: the open document's `.topo.yaml` text in Monaco, validated against the model's JSON
// Schema, in two-way sync with the canvas (controller.ts). Monaco and the controller are loaded by a dynamic
// import the first time the panel opens, so the app's start-up does not pay for them.
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../app/context';
import type { YamlController, YamlStatus } from './controller';
import './yaml.css';

function statusText(status: YamlStatus | undefined): string {
  if (!status) return 'Loading the editor…';
  switch (status.kind) {
    case 'in-step':
      return 'In step with the design';
    case 'pending':
      return 'Editing…';
    case 'invalid':
      return `${status.count} ${status.count === 1 ? 'problem' : 'problems'}: not applied`;
    case 'refused':
      return `Not applied: ${status.message}`;
    case 'conflict':
      return 'The design changed';
  }
}

export function YamlView() {
  const services = useServices();
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<YamlController | null>(null);
  const [status, setStatus] = useState<YamlStatus>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    import('./controller')
      .then(({ YamlController }) => {
        if (cancelled || !container.current) return;
        controller.current = new YamlController(container.current, services, setStatus);
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
      controller.current?.dispose();
      controller.current = null;
    };
  }, [services]);

  const state = failure ? 'failed' : (status?.kind ?? 'loading');
  return (
    <div className="yaml-view" data-testid="yaml-view" data-state={state}>
      <div className="yaml-header">
        <span className="yaml-title">{services.store.getState().file.name}</span>
        <span className={`yaml-status yaml-status-${state}`} data-testid="yaml-status" role="status">
          {failure ? `The editor could not be loaded: ${failure}` : statusText(status)}
        </span>
      </div>
      {status?.kind === 'conflict' && (
        <div className="yaml-conflict" data-testid="yaml-conflict" role="alert">
          <span>The design changed; your unapplied text is kept.</span>
          <button type="button" data-testid="yaml-reload" onClick={() => controller.current?.reload()}>
            Reload from design
          </button>
          <button type="button" data-testid="yaml-keep" onClick={() => controller.current?.keepEditing()}>
            Keep editing
          </button>
        </div>
      )}
      <div className="yaml-editor" data-testid="yaml-editor" ref={container} />
    </div>
  );
}
