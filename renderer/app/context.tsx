// React bindings of the services and the store: components read the store through selectors (compared
// field by field for derived objects) and reach commands by id.
import { createContext, useContext, useRef } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState } from '../store/app-store';
import { formatKeybinding } from '../commands/registry';
import type { AppServices } from './services';
import { shallowEqual } from './shallow';

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <ServicesProvider>');
  return services;
}

/** A value from the store; the component re-renders when it changes (by identity). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}

const NOTHING_YET = Symbol('nothing selected yet');

/**
 * A derived object or array from the store, compared field by field: the component re-renders only when a
 * field changes (zustand's useShallow, with the allocation-free comparison of shallow.ts).
 */
export function useAppStoreShallow<T>(selector: (state: AppState) => T): T {
  const previous = useRef<T | typeof NOTHING_YET>(NOTHING_YET);
  return useStore(useServices().store, (state) => {
    const next = selector(state);
    const last = previous.current;
    if (last !== NOTHING_YET && shallowEqual(last, next)) return last;
    previous.current = next;
    return next;
  });
}

export interface CommandView {
  readonly id: string;
  readonly title: string;
  readonly enabled: boolean;
  /** Shortcut as shown on this platform, e.g. `Ctrl+Z`. */
  readonly shortcut: string | undefined;
  readonly run: () => void;
}

/** A command of the registry, its enablement kept current. */
export function useCommand(id: string): CommandView {
  const services = useServices();
  const command = services.registry.get(id);
  const enabled = useStore(services.store, () => services.registry.isEnabled(id, services));
  const binding = command?.keybinding === undefined ? undefined : [command.keybinding].flat()[0];
  return {
    id,
    title: command?.title ?? id,
    enabled,
    shortcut: binding === undefined ? undefined : formatKeybinding(binding, services.mac),
    run: () => void services.registry.run(id, services),
  };
}
