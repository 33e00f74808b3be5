// The toolbar: file actions, undo/redo, view actions and the theme, each a command from the registry.
import { useEffect, useRef, useState } from 'react';
import { Icon } from '../ui/icons';
import type { IconName } from '../ui/icons';
import { BlastDomainSelect } from '../analysis/Blast';
import { effectiveTheme } from '../commands/app-commands';
import { useAppStore, useCommand, useServices } from './context';

function ToolbarButton({ id, icon, label }: { id: string; icon: IconName; label?: string }) {
  const command = useCommand(id);
  return (
    <button
      type="button"
      className={label ? 'tool-button with-label' : 'tool-button'}
      data-testid={`toolbar-${id}`}
      disabled={!command.enabled}
      title={command.shortcut ? `${command.title} (${command.shortcut})` : command.title}
      aria-label={command.title}
      onClick={command.run}
    >
      <Icon name={icon} />
      {label && <span>{label}</span>}
    </button>
  );
}

/** A toolbar menu's open state, closed by a pointer press anywhere outside its root element. */
function useMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as globalThis.Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);
  return { open, setOpen, root };
}

function NewMenu() {
  const services = useServices();
  const { open, setOpen, root } = useMenu();
  const items = [
    { id: 'file.new', label: 'Blank document' },
    ...services.templates.map((t) => ({ id: `file.newFromTemplate:${t.file}`, label: t.title })),
  ];
  return (
    <div className="menu-root" ref={root}>
      <button
        type="button"
        className="tool-button with-label"
        data-testid="toolbar-new-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        title="New document or template"
        onClick={() => setOpen(!open)}
      >
        <Icon name="new" />
        <span>New</span>
        <Icon name="chevron" size={12} />
      </button>
      {open && (
        <div className="menu" role="menu">
          {items.map((item, i) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              className="menu-item"
              data-testid={`menu-${item.id}`}
              onClick={() => {
                setOpen(false);
                void services.registry.run(item.id, services);
              }}
            >
              <Icon name={i === 0 ? 'new' : 'template'} />
              <span>{item.label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function PictureMenu() {
  const services = useServices();
  const legend = useAppStore((s) => s.pictureLegend);
  const { open, setOpen, root } = useMenu();
  const run = (id: string) => {
    setOpen(false);
    void services.registry.run(id, services);
  };
  return (
    <div className="menu-root" ref={root}>
      <button
        type="button"
        className="tool-button"
        data-testid="toolbar-picture-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Export a picture of the design"
        aria-label="Export a picture of the design"
        onClick={() => setOpen(!open)}
      >
        <Icon name="picture" />
        <Icon name="chevron" size={12} />
      </button>
      {open && (
        <div className="menu" role="menu">
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="menu-export.png"
            onClick={() => run('export.png')}
          >
            <Icon name="picture" />
            <span>Export PNG</span>
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="menu-export.svg"
            onClick={() => run('export.svg')}
          >
            <Icon name="picture" />
            <span>Export SVG</span>
          </button>
          <label className="menu-item menu-check">
            <input
              type="checkbox"
              data-testid="menu-export.legend"
              checked={legend}
              onChange={() => void services.registry.run('export.toggleLegend', services)}
            />
            <span>With the cost legend</span>
          </label>
        </div>
      )}
    </div>
  );
}

export function Toolbar() {
  const services = useServices();
  const theme = useAppStore((s) => s.theme);
  const minimap = useAppStore((s) => s.panels.minimap);
  const problems = useAppStore((s) => s.panels.problems);
  const palette = useCommand('view.commandPalette');
  const dark = effectiveTheme(theme) === 'dark';
  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="cluster" />
        </span>
        <span className="brand-name">Topology Designer</span>
      </div>
      <div className="tool-group">
        <NewMenu />
        <ToolbarButton id="file.open" icon="open" label="Open" />
        <ToolbarButton id="file.save" icon="save" label="Save" />
      </div>
      <div className="tool-group">
        <ToolbarButton id="edit.undo" icon="undo" />
        <ToolbarButton id="edit.redo" icon="redo" />
      </div>
      <div className="tool-group">
        <ToolbarButton id="view.zoomToFit" icon="fit" />
        <ToolbarButton id="view.autoLayout" icon="layout" label="Arrange" />
        <PictureMenu />
        <ToolbarButton id="export.bundle" icon="export" label="Export" />
        <ToolbarButton id="view.present" icon="present" label="Present" />
        <button
          type="button"
          className={minimap ? 'tool-button active' : 'tool-button'}
          data-testid="toolbar-view.toggleMinimap"
          aria-pressed={minimap}
          title="Toggle minimap (Shift+M)"
          aria-label="Toggle minimap"
          onClick={() => void services.registry.run('view.toggleMinimap', services)}
        >
          <Icon name="minimap" />
        </button>
        <button
          type="button"
          className={problems ? 'tool-button active' : 'tool-button'}
          data-testid="toolbar-view.toggleProblems"
          aria-pressed={problems}
          title="Toggle the problems panel"
          aria-label="Toggle the problems panel"
          onClick={() => void services.registry.run('view.toggleProblems', services)}
        >
          <Icon name="problems" />
        </button>
      </div>
      <div className="tool-group blast-group">
        <BlastDomainSelect />
      </div>
      <div className="toolbar-spacer" />
      <button
        type="button"
        className="command-search"
        data-testid="toolbar-view.commandPalette"
        onClick={palette.run}
        title="Show all commands"
        aria-label="Show all commands"
      >
        <Icon name="command" />
        <span>Commands</span>
        {palette.shortcut && <kbd>{palette.shortcut}</kbd>}
      </button>
      <button
        type="button"
        className="tool-button"
        data-testid="toolbar-view.toggleTheme"
        title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
        aria-label="Toggle theme"
        onClick={() => void services.registry.run('view.toggleTheme', services)}
      >
        <Icon name={dark ? 'sun' : 'moon'} />
      </button>
    </header>
  );
}
