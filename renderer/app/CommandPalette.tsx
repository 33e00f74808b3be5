// The command palette: every command of the registry, filtered as you type, with its shortcut.
import { useMemo, useState } from 'react';
import { formatKeybinding } from '../commands/registry';
import { useAppStore, useServices } from './context';

function matches(text: string, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = text.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function CommandPalette() {
  const open = useAppStore((s) => s.panels.commandPalette);
  return open ? <PaletteDialog /> : null;
}

function PaletteDialog() {
  const services = useServices();
  const { store, registry } = services;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // Enablement is read once when the palette opens; commands run from here re-check it.
  const commands = useMemo(
    () =>
      registry
        .all()
        .filter((command) => !command.hidden)
        .map((command) => ({
          command,
          label: command.category ? `${command.category}: ${command.title}` : command.title,
          enabled: registry.isEnabled(command.id, services),
        })),
    [registry, services],
  );
  const shown = commands.filter((entry) => matches(entry.label, query));
  const close = () => store.getState().setPanel('commandPalette', false);
  const run = (id: string) => {
    close();
    void registry.run(id, services);
  };
  return (
    <div className="dialog-backdrop palette-backdrop" onMouseDown={close}>
      <div
        className="command-palette"
        role="dialog"
        aria-label="Commands"
        data-testid="command-palette"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <input
          autoFocus
          className="command-input"
          placeholder="Type a command"
          value={query}
          data-testid="command-palette-input"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
            else if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive((i) => Math.min(shown.length - 1, i + 1));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((i) => Math.max(0, i - 1));
            } else if (event.key === 'Enter') {
              const entry = shown[active];
              if (entry?.enabled) run(entry.command.id);
            }
          }}
        />
        <ul className="command-list" role="listbox">
          {shown.map((entry, i) => {
            const binding =
              entry.command.keybinding === undefined ? undefined : [entry.command.keybinding].flat()[0];
            return (
              <li
                key={entry.command.id}
                role="option"
                aria-selected={i === active}
                aria-disabled={!entry.enabled}
                className={i === active ? 'command-item active' : 'command-item'}
                data-testid={`command-palette-item-${entry.command.id}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => entry.enabled && run(entry.command.id)}
              >
                <span>{entry.label}</span>
                {binding && <kbd>{formatKeybinding(binding, services.mac)}</kbd>}
              </li>
            );
          })}
          {shown.length === 0 && <li className="command-empty">No matching command</li>}
        </ul>
      </div>
    </div>
  );
}
