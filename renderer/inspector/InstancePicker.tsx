// The instance type picker: the catalog's types filtered by name, family, size, GPU, network, metal and
// architecture, each with its on-demand price in the element's region ("no price" when the catalog has
// none) and the region's zones that offer it, the element's zones that lack it marked. A pool picks many
// types (a row adds or removes one, "only" replaces the list); a fleet picks one. Each pick is one command.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Zone } from '../../shared/model/schema';
import { useServices } from '../app/context';
import { zoneLetter } from '../canvas/reparent';
import { Icon } from '../ui/icons';
import type { InstanceFilter, InstanceSort } from './instance-filter';
import { NO_FILTER, ROW_LIMIT, filterChoices, filterInstances, hourlyPrice } from './instance-filter';
import { parseNumber } from './edit';

export interface InstancePickerProps {
  /** AWS region code of the element (prices and zones are the region's). */
  readonly regionCode: string | undefined;
  /** The region's zones, and the ones the element places capacity in. */
  readonly regionZones: readonly Zone[];
  readonly elementZones: readonly string[];
  /** Types the element has now. */
  readonly selected: readonly string[];
  /** `many`: a row adds or removes a type; `one`: a row replaces the type and closes the picker. */
  readonly mode: 'many' | 'one';
  /** Applies a new type list (one command); returns the refusal to show, if any. */
  readonly onApply: (types: readonly string[]) => string | undefined;
  readonly onClose: () => void;
  /** Filters to start with (e.g. the family of the current type). */
  readonly initial?: Partial<InstanceFilter>;
}

export function InstancePicker(props: InstancePickerProps) {
  const { catalog } = useServices();
  const { regionCode, regionZones, elementZones, selected, mode, onApply, onClose } = props;
  const [filter, setFilter] = useState<InstanceFilter>({ ...NO_FILTER, ...props.initial });
  const [sort, setSort] = useState<InstanceSort>('name');
  const [error, setError] = useState<string | undefined>();
  const choices = useMemo(() => filterChoices(catalog), [catalog]);
  const rows = useMemo(
    () => filterInstances(catalog, regionCode, filter, sort),
    [catalog, regionCode, filter, sort],
  );
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => search.current?.focus(), []);
  const chosen = new Set(selected);
  const wanted = new Set(elementZones);
  const zoneName = new Map(regionZones.map((zone) => [zone.id, zone.zoneName]));
  const wantedNames = new Set([...wanted].map((id) => zoneName.get(id)).filter((name) => name !== undefined));
  const set = <K extends keyof InstanceFilter>(key: K, value: InstanceFilter[K]) =>
    setFilter((current) => ({ ...current, [key]: value }));
  const number = (text: string) => {
    const value = parseNumber(text);
    return value === undefined || Number.isNaN(value) ? undefined : value;
  };

  const pick = (name: string) => {
    const next =
      mode === 'one' ? [name] : chosen.has(name) ? selected.filter((t) => t !== name) : [...selected, name];
    const refusal = onApply(next);
    setError(refusal);
    if (!refusal && mode === 'one') onClose();
  };
  const only = (name: string) => setError(onApply([name]));

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={onClose}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div
        className="instance-picker"
        role="dialog"
        aria-label="Instance types"
        data-testid="instance-picker"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <header className="picker-header">
          <div>
            <h2>{mode === 'one' ? 'Choose the instance type' : 'Instance types'}</h2>
            <p>
              On-demand prices in {regionCode ?? 'no region'}; zone letters show which of the region&rsquo;s
              zones offer the type
              {elementZones.length > 0 ? ' (red: a zone of this element that lacks it)' : ''}.
            </p>
          </div>
          <button
            type="button"
            className="tool-button"
            aria-label="Close"
            data-testid="instance-picker-close"
            onClick={onClose}
          >
            <Icon name="close" />
          </button>
        </header>
        <div className="picker-filters">
          <input
            ref={search}
            type="search"
            className="input"
            placeholder="Search types, e.g. c6in"
            aria-label="Search instance types"
            data-testid="instance-picker-filter-search"
            value={filter.search}
            onChange={(event) => set('search', event.target.value)}
          />
          <label>
            Family
            <select
              className="input"
              data-testid="instance-picker-filter-family"
              value={filter.family}
              onChange={(event) => set('family', event.target.value)}
            >
              <option value="">any</option>
              {choices.families.map((family) => (
                <option key={family} value={family}>
                  {family}
                </option>
              ))}
            </select>
          </label>
          <label>
            Min vCPU
            <input
              type="number"
              min={0}
              className="input"
              data-testid="instance-picker-filter-minVcpu"
              value={filter.minVcpu ?? ''}
              onChange={(event) => set('minVcpu', number(event.target.value))}
            />
          </label>
          <label>
            Min memory (GiB)
            <input
              type="number"
              min={0}
              className="input"
              data-testid="instance-picker-filter-minMemory"
              value={filter.minMemoryGiB ?? ''}
              onChange={(event) => set('minMemoryGiB', number(event.target.value))}
            />
          </label>
          <label>
            GPU
            <select
              className="input"
              data-testid="instance-picker-filter-gpu"
              value={filter.gpu}
              onChange={(event) => set('gpu', event.target.value)}
            >
              <option value="any">any</option>
              <option value="none">no GPU</option>
              <option value="yes">with GPUs</option>
              {choices.gpuModels.map((model) => (
                <option key={model} value={model}>
                  {model}
                </option>
              ))}
            </select>
          </label>
          <label>
            Min network (Gbps)
            <input
              type="number"
              min={0}
              className="input"
              data-testid="instance-picker-filter-minNetwork"
              value={filter.minNetworkGbps ?? ''}
              onChange={(event) => set('minNetworkGbps', number(event.target.value))}
            />
          </label>
          <label>
            Architecture
            <select
              className="input"
              data-testid="instance-picker-filter-arch"
              value={filter.arch}
              onChange={(event) => set('arch', event.target.value)}
            >
              <option value="any">any</option>
              <option value="amd64">x86-64 (amd64)</option>
              <option value="arm64">Graviton (arm64)</option>
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              data-testid="instance-picker-filter-metal"
              checked={filter.metalOnly}
              onChange={(event) => set('metalOnly', event.target.checked)}
            />
            Metal only
          </label>
          <label>
            Sort by
            <select
              className="input"
              data-testid="instance-picker-sort"
              value={sort}
              onChange={(event) => setSort(event.target.value as InstanceSort)}
            >
              <option value="name">family and size</option>
              <option value="price">price</option>
              <option value="vcpu">vCPU</option>
              <option value="memory">memory</option>
            </select>
          </label>
        </div>
        {error && (
          <div className="field-error picker-error" role="alert" data-testid="instance-picker-error">
            {error}
          </div>
        )}
        <div className="picker-table-wrap">
          <table className="picker-table">
            <thead>
              <tr>
                <th>Type</th>
                <th className="num">vCPU</th>
                <th className="num">Memory</th>
                <th>GPUs</th>
                <th className="num">Network</th>
                <th className="num">On-demand</th>
                <th>Zones</th>
                {mode === 'many' && <th aria-label="Replace" />}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, ROW_LIMIT).map(({ type, price, zones }) => {
                const offered = new Set(zones);
                const lacking = [...wantedNames].filter((name) => !offered.has(name));
                const on = chosen.has(type.name);
                return (
                  <tr
                    key={type.name}
                    className={on ? 'chosen' : undefined}
                    data-testid={`instance-picker-row-${type.name}`}
                    data-chosen={on}
                    aria-selected={on}
                    title={
                      lacking.length > 0
                        ? `Not offered in ${lacking.join(', ')}`
                        : mode === 'many'
                          ? on
                            ? 'Remove from the pool'
                            : 'Add to the pool'
                          : 'Use this type'
                    }
                    onClick={() => pick(type.name)}
                  >
                    <td className="type-name">
                      <span className="pick-mark" aria-hidden="true">
                        {on ? '✓' : ''}
                      </span>
                      {type.name}
                      {type.metal && <span className="tag">metal</span>}
                      {type.arch === 'arm64' && <span className="tag">arm64</span>}
                    </td>
                    <td className="num">{type.vcpu}</td>
                    <td className="num">{formatGiB(type.memoryGiB)}</td>
                    <td>
                      {type.gpus > 0
                        ? `${type.gpus} × ${type.gpuModel ?? 'GPU'}`
                        : type.accelerator
                          ? `${type.accelerator.count} × ${type.accelerator.name}`
                          : '—'}
                    </td>
                    <td className="num">
                      {type.networkGbps === type.networkPeakGbps
                        ? `${type.networkGbps}`
                        : `${type.networkGbps}–${type.networkPeakGbps}`}{' '}
                      Gbps
                    </td>
                    <td
                      className={price.status === 'priced' ? 'num' : 'num missing-price'}
                      title={price.status === 'priced' ? `${price.sourceId} (${price.date})` : price.reason}
                      data-testid={`instance-picker-price-${type.name}`}
                    >
                      {hourlyPrice(price)}
                    </td>
                    <td>
                      <span className="zone-chips">
                        {regionZones.map((zone) => {
                          const has = offered.has(zone.zoneName);
                          const needed = wanted.has(zone.id);
                          return (
                            <span
                              key={zone.id}
                              className={['zone-letter', has && 'on', !has && needed && 'lacking']
                                .filter(Boolean)
                                .join(' ')}
                              title={`${zone.zoneName}: ${has ? 'offered' : 'not offered'}${needed ? ' (used by this element)' : ''}`}
                            >
                              {zoneLetter(zone)}
                            </span>
                          );
                        })}
                        {regionZones.length === 0 && zones.join(', ')}
                      </span>
                    </td>
                    {mode === 'many' && (
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          data-testid={`instance-picker-replace-${type.name}`}
                          title="Use only this type"
                          onClick={(event) => {
                            event.stopPropagation();
                            only(type.name);
                          }}
                        >
                          only
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length === 0 && <p className="picker-empty">No instance type matches these filters.</p>}
        </div>
        <footer className="picker-footer" data-testid="instance-picker-count">
          {rows.length > ROW_LIMIT
            ? `Showing ${ROW_LIMIT} of ${rows.length} types — narrow the filters to see the rest.`
            : `${rows.length} of ${catalog.instanceTypes().length} types`}
          {mode === 'many' && (
            <span className="picker-selected">Selected: {selected.join(', ') || 'none'}</span>
          )}
        </footer>
      </div>
    </div>
  );
}

function formatGiB(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GiB`;
}
