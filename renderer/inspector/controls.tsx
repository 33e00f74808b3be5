// Inspector controls for values that are more than one box: zone chips, lists of records (taints,
// tolerations, load balancers, price overrides), key/value maps (labels, node selectors), optional groups
// (present or not) and the instance type field that opens the picker. Each edit commits the whole new
// value of its field as one command, checked with the schema first like any other field.
import { useId, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { Zone } from '../../shared/model/schema';
import { zoneLetter } from '../canvas/reparent';
import { Icon } from '../ui/icons';
import type { FieldPath } from './edit';
import { dotted } from './edit';
import type { Transform } from './fields';
import { FieldRow, GroupError, useEditor, useField } from './fields';

/** A refusal and the value it was about (it is dropped once the document holds another value). */
type Refusal = { readonly message: string; readonly over: unknown } | null;

function useRefusal(value: unknown) {
  const [refusal, setRefusal] = useState<Refusal>(null);
  const message = refusal && Object.is(refusal.over, value) ? refusal.message : undefined;
  const report = (next: string | undefined) => setRefusal(next ? { message: next, over: value } : null);
  return [message, report] as const;
}

/**
 * Zone chips: one toggle per zone the element may use (its region's, or its cluster's for a pool). A pool
 * without its own list uses its cluster's zones; `inherited` offers to go back to that.
 */
export function ZoneChipsField({
  path,
  label,
  allowed,
  inherited,
}: {
  path: FieldPath;
  label: string;
  allowed: readonly Zone[];
  /** The zones used when the field is not set (a pool's cluster zones). */
  inherited?: readonly string[];
}) {
  const field = useField(path);
  const [error, report] = useRefusal(field.value);
  const own = field.value as readonly string[] | undefined;
  const effective = own ?? inherited ?? [];
  const on = new Set(effective);
  const allowedIds = new Set(allowed.map((zone) => zone.id));
  const strays = effective.filter((id) => !allowedIds.has(id));
  const toggle = (id: string) => {
    const next = on.has(id) ? effective.filter((z) => z !== id) : [...effective, id];
    const order = new Map(allowed.map((zone, i) => [zone.id, i]));
    next.sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99));
    report(field.commit(next));
  };
  return (
    <FieldRow label={label} testId={field.testId} help={field.help} error={error} wide>
      <div className="zone-toggles" data-testid={`inspector-field-${field.testId}`}>
        {allowed.map((zone) => (
          <button
            key={zone.id}
            type="button"
            className={on.has(zone.id) ? 'zone-toggle on' : 'zone-toggle'}
            aria-pressed={on.has(zone.id)}
            title={`${zone.zoneName}${zone.zoneId ? ` (${zone.zoneId})` : ''}`}
            data-testid={`inspector-zone-${zone.id}`}
            onClick={() => toggle(zone.id)}
          >
            <span className="zone-letter-big">{zoneLetter(zone)}</span>
            <span>{zone.zoneName}</span>
          </button>
        ))}
        {strays.map((id) => (
          <span key={id} className="zone-toggle stray" title="not a zone this element may use">
            {id}
          </span>
        ))}
        {allowed.length === 0 && <span className="muted">No zones to choose from.</span>}
      </div>
      {inherited && (
        <div className="field-note">
          {own === undefined ? (
            'Uses all of its cluster’s zones.'
          ) : (
            <button
              type="button"
              className="link-button"
              data-testid={`inspector-inherit-${field.testId}`}
              onClick={() => report(field.commit(undefined))}
            >
              Use the cluster’s zones
            </button>
          )}
        </div>
      )}
    </FieldRow>
  );
}

/** A present-or-absent group (requests, demand, limits…): a checkbox adds it with defaults or removes it. */
export function OptionalGroup({
  path,
  label,
  defaults,
  children,
  transform,
}: {
  path: FieldPath;
  label: string;
  defaults: () => unknown;
  children: ReactNode;
  transform?: Transform;
}) {
  const field = useField(path);
  const [error, report] = useRefusal(field.value);
  const id = useId();
  const present = field.value !== undefined;
  return (
    <div className={present ? 'optional-group present' : 'optional-group'}>
      <FieldRow label={label} testId={field.testId} help={field.help} error={error} htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          className="checkbox"
          data-testid={`inspector-field-${field.testId}`}
          checked={present}
          onChange={(event) => report(field.commit(event.target.checked ? defaults() : undefined, transform))}
        />
      </FieldRow>
      {present && <div className="group-body">{children}</div>}
    </div>
  );
}

/** A list of records: each item's fields, a remove button per item and an add button. */
export function ListField({
  path,
  label,
  newItem,
  renderItem,
  itemTitle,
  empty = 'None.',
}: {
  path: FieldPath;
  label: string;
  newItem: () => unknown;
  renderItem: (index: number) => ReactNode;
  itemTitle: (item: unknown, index: number) => string;
  empty?: string;
}) {
  const field = useField(path);
  const [error, report] = useRefusal(field.value);
  const items = (field.value as readonly unknown[] | undefined) ?? [];
  return (
    <div className="list-field" data-testid={`inspector-field-${field.testId}`}>
      <div className="list-header">
        <span className="field-label" title={field.help}>
          {label}
        </span>
        <button
          type="button"
          className="link-button"
          data-testid={`inspector-add-${field.testId}`}
          onClick={() => report(field.commit([...items, newItem()]))}
        >
          + Add
        </button>
      </div>
      {items.length === 0 && <p className="muted list-empty">{empty}</p>}
      {items.map((item, index) => (
        <div className="list-item" key={index}>
          <div className="list-item-header">
            <span>{itemTitle(item, index)}</span>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${itemTitle(item, index)}`}
              data-testid={`inspector-remove-${field.testId}.${index}`}
              onClick={() => report(field.commit(items.filter((_, i) => i !== index)))}
            >
              <Icon name="close" size={12} />
            </button>
          </div>
          {renderItem(index)}
        </div>
      ))}
      <GroupError testId={field.testId} error={error} />
    </div>
  );
}

/** One key/value pair of a map: both boxes commit on blur or Enter; a new key renames the entry. */
function KeyValueRow({
  path,
  entryKey,
  entries,
  onCommit,
}: {
  path: FieldPath;
  entryKey: string;
  entries: Readonly<Record<string, string>>;
  onCommit: (next: Record<string, string> | undefined) => string | undefined;
}) {
  const editor = useEditor();
  const base = editor.testPrefix + dotted([...path, entryKey]);
  const value = entries[entryKey] ?? '';
  const [keyDraft, setKeyDraft] = useState<string | null>(null);
  const [valueDraft, setValueDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const commit = (nextKey: string, nextValue: string) => {
    if (nextKey === entryKey && nextValue === value) {
      setKeyDraft(null);
      setValueDraft(null);
      return;
    }
    if (nextKey !== entryKey && Object.hasOwn(entries, nextKey)) {
      setError(`"${nextKey}" is already set`);
      return;
    }
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(entries)) {
      if (k === entryKey) next[nextKey] = nextValue;
      else next[k] = v;
    }
    const refusal = onCommit(next);
    setError(refusal);
    if (!refusal) {
      setKeyDraft(null);
      setValueDraft(null);
    }
  };
  const keys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit(keyDraft ?? entryKey, valueDraft ?? value);
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      setKeyDraft(null);
      setValueDraft(null);
      setError(undefined);
    }
  };
  return (
    <div className="kv-row">
      <input
        className="input mono"
        aria-label="Key"
        data-testid={`inspector-field-${base}.key`}
        value={keyDraft ?? entryKey}
        onChange={(event) => setKeyDraft(event.target.value)}
        onBlur={() => keyDraft !== null && commit(keyDraft, valueDraft ?? value)}
        onKeyDown={keys}
      />
      <span className="kv-sep">=</span>
      <input
        className="input mono"
        aria-label={`Value of ${entryKey}`}
        data-testid={`inspector-field-${base}`}
        value={valueDraft ?? value}
        onChange={(event) => setValueDraft(event.target.value)}
        onBlur={() => valueDraft !== null && commit(keyDraft ?? entryKey, valueDraft)}
        onKeyDown={keys}
      />
      <button
        type="button"
        className="icon-button"
        aria-label={`Remove ${entryKey}`}
        data-testid={`inspector-remove-${base}`}
        onClick={() => {
          const next = { ...entries };
          Reflect.deleteProperty(next, entryKey);
          setError(onCommit(next));
        }}
      >
        <Icon name="close" size={12} />
      </button>
      {error && (
        <div className="field-error kv-error" role="alert" data-testid={`inspector-error-${base}`}>
          {error}
        </div>
      )}
    </div>
  );
}

/** A map of Kubernetes labels (or a node selector): one row per key, and a button to add one. */
export function KeyValueField({ path, label }: { path: FieldPath; label: string }) {
  const field = useField(path);
  const [error, report] = useRefusal(field.value);
  const entries = (field.value as Readonly<Record<string, string>> | undefined) ?? {};
  const keys = Object.keys(entries);
  const add = () => {
    let n = keys.length + 1;
    while (Object.hasOwn(entries, `key-${n}`)) n += 1;
    report(field.commit({ ...entries, [`key-${n}`]: 'value' }));
  };
  return (
    <div className="list-field" data-testid={`inspector-field-${field.testId}`}>
      <div className="list-header">
        <span className="field-label" title={field.help}>
          {label}
        </span>
        <button
          type="button"
          className="link-button"
          data-testid={`inspector-add-${field.testId}`}
          onClick={add}
        >
          + Add
        </button>
      </div>
      {keys.length === 0 && <p className="muted list-empty">None.</p>}
      {keys.map((key) => (
        <KeyValueRow
          key={key}
          path={path}
          entryKey={key}
          entries={entries}
          onCommit={(next) => field.commit(next && Object.keys(next).length === 0 ? undefined : next)}
        />
      ))}
      <GroupError testId={field.testId} error={error} />
    </div>
  );
}

/**
 * The instance type(s) of a pool or fleet: a box that opens the picker (click, Enter or Space), and for a
 * pool the types as chips that can be removed one by one.
 */
export function InstanceTypesField({
  path,
  label,
  many,
  onOpen,
}: {
  path: FieldPath;
  label: string;
  many: boolean;
  onOpen: () => void;
}) {
  const field = useField(path);
  const [error, report] = useRefusal(field.value);
  const id = useId();
  const types: readonly string[] = many
    ? ((field.value as readonly string[] | undefined) ?? [])
    : field.value === undefined
      ? []
      : [String(field.value)];
  return (
    <FieldRow label={label} testId={field.testId} help={field.help} error={error} htmlFor={id} wide>
      <input
        id={id}
        readOnly
        className="input mono picker-trigger"
        data-testid={`inspector-field-${field.testId}`}
        value={types.join(', ')}
        placeholder={many ? 'none: by requirements' : 'choose a type'}
        title="Choose from the catalog"
        onClick={onOpen}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onOpen();
          }
        }}
      />
      <div className="type-chips">
        {many &&
          types.map((type) => (
            <span key={type} className="type-chip">
              {type}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${type}`}
                data-testid={`inspector-remove-${field.testId}.${type}`}
                onClick={() => report(field.commit(types.filter((t) => t !== type)))}
              >
                <Icon name="close" size={10} />
              </button>
            </span>
          ))}
        <button
          type="button"
          className="link-button"
          data-testid={`inspector-pick-${field.testId}`}
          onClick={onOpen}
        >
          {many ? 'Browse the catalog…' : 'Change…'}
        </button>
      </div>
    </FieldRow>
  );
}
