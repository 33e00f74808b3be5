// The tab strip above the workspace: one tab per registered view, each running its `view.show:<id>` command.
import { useAppStore, useCommand } from '../app/context';
import { workspaceViews } from './registry';
import type { WorkspaceView } from './registry';

function Tab({ view, active }: { view: WorkspaceView; active: boolean }) {
  const command = useCommand(`view.show:${view.id}`);
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      className={active ? 'workspace-tab active' : 'workspace-tab'}
      data-testid={`view-tab-${view.id}`}
      title={command.shortcut ? `${view.title} (${command.shortcut})` : view.title}
      onClick={command.run}
    >
      {view.title}
    </button>
  );
}

export function WorkspaceTabs() {
  const current = useAppStore((s) => s.view);
  return (
    <div className="workspace-tabs" role="tablist" aria-label="Views" data-testid="workspace-tabs">
      {workspaceViews().map((view) => (
        <Tab key={view.id} view={view} active={view.id === current} />
      ))}
    </div>
  );
}
