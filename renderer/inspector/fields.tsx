// The inspector's field controls. Each is bound to a path in the edited object (an element, the settings
// or the document details) through the editor context; an edit is checked with the schema before anything
// is dispatched, and the schema's message is shown beside the field when it fails. Text commits on blur or
// Enter, numbers, selects and checkboxes on change. A field keeps what the user typed only while the
// document still holds the value it was typed over: undo, or an edit elsewhere, shows the document again.
import { createContext, useContext, useId, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { z } from 'zod';
import type { FieldPath } from './edit';
import { describeAt, dotted, getAt, parseNumber, setAt } from './edit';

/** What the fields edit, and how an edit reaches the document. */
export interface Editor {
  /** The object edited as the form shows it: an element, the settings or the document details. */
  readonly subject: object;
  /**
   * The object as the document holds it now. The form may show the subject a frame behind the document
   * (the inspector follows an edit at a lower priority than the status bar), so an edit is applied to this.
   */
  latest(): object;
  readonly schema: z.ZodType;
  /** Prefix of the dotted paths in test ids (e.g. `metadata.` for the document details). */
  readonly testPrefix: string;
  /**
   * Checks a new version of the subject (`path` is the field edited) and dispatches it as one command;
   * returns the message to show at the field when the edit is refused.
   */
  commit(candidate: object, path: FieldPath): string | undefined;
}

const EditorContext = createContext<Editor | null>(null);

export function EditorProvider({ editor, children }: { editor: Editor; children: ReactNode }) {
  return <EditorContext.Provider value={editor}>{children}</EditorContext.Provider>;
}

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('inspector fields must be inside an <EditorProvider>');
  return editor;
}

/** Turns a whole new subject into a new one before it is checked (e.g. a kind change that adds defaults). */
export type Transform = (candidate: Record<string, unknown>) => Record<string, unknown>;

export interface FieldBinding {
  /** The field's value: the subject's, or the one just committed while the form catches up with it. */
  readonly value: unknown;
  /** The dotted path as test ids spell it. */
  readonly testId: string;
  readonly help: string | undefined;
  /** Puts a value at the field's path (undefined removes it) and commits; returns the refusal, if any. */
  commit(next: unknown, transform?: Transform): string | undefined;
  /** Shows `value` until the form catches up (for a change committed another way, e.g. a move). */
  hold(value: unknown): void;
}

export function useField(path: FieldPath): FieldBinding {
  const editor = useEditor();
  // The form may show the subject a frame behind the document (Editor.latest): a control keeps showing what
  // it just committed until then, instead of the old value for a frame.
  const [held, setHeld] = useState<{ readonly over: object; readonly value: unknown } | null>(null);
  const subject = editor.subject;
  const hold = (value: unknown) => setHeld({ over: subject, value });
  return {
    value: held && held.over === subject ? held.value : getAt(subject, path),
    testId: editor.testPrefix + dotted(path),
    help: describeAt(editor.schema, path),
    commit(next, transform) {
      let candidate = setAt(editor.latest(), path, next) as Record<string, unknown>;
      if (transform) candidate = transform(candidate);
      const refusal = editor.commit(candidate, path);
      if (refusal === undefined) hold(getAt(editor.latest(), path));
      return refusal;
    },
    hold,
  };
}

/** What the user typed over a document value, and the message about it. */
interface Draft {
  readonly text: string;
  readonly over: unknown;
  readonly error?: string;
}

/** A draft that still applies: the document holds the value it was typed over. */
function useDraft(value: unknown) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const current = draft && Object.is(draft.over, value) ? draft : null;
  return [current, setDraft] as const;
}

export function FieldRow({
  label,
  testId,
  help,
  error,
  htmlFor,
  children,
  wide,
}: {
  label: string;
  testId: string;
  help?: string | undefined;
  error?: string | undefined;
  htmlFor?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={['field', wide && 'wide', error && 'invalid'].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={htmlFor} title={help}>
        {label}
      </label>
      <div className="field-control">{children}</div>
      {error && (
        <div className="field-error" role="alert" data-testid={`inspector-error-${testId}`}>
          {error}
        </div>
      )}
    </div>
  );
}

const asText = (value: unknown): string =>
  value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);

export interface TextFieldProps {
  readonly path: FieldPath;
  readonly label: string;
  /** Blank removes the field (else blank is committed as an empty string, which the schema judges). */
  readonly optional?: boolean;
  readonly placeholder?: string;
  readonly multiline?: boolean;
  readonly mono?: boolean;
  /** Turns the text into the value (undefined removes the field). */
  readonly parse?: (text: string) => unknown;
  readonly format?: (value: unknown) => string;
  readonly transform?: Transform;
  /** Values offered as the user types (a free value is still allowed). */
  readonly suggestions?: readonly string[];
}

/** A text box: commits on blur or Enter (Mod+Enter in a multi-line box), Escape puts the value back. */
export function TextField({
  path,
  label,
  optional,
  placeholder,
  multiline,
  mono,
  parse,
  format = asText,
  transform,
  suggestions,
}: TextFieldProps) {
  const field = useField(path);
  const [draft, setDraft] = useDraft(field.value);
  const id = useId();
  const listId = `${id}-suggestions`;
  const text = draft?.text ?? format(field.value);
  const commit = () => {
    if (!draft || (draft.text === format(field.value) && !draft.error)) return;
    const value = parse ? parse(draft.text) : optional && draft.text.trim() === '' ? undefined : draft.text;
    const error = field.commit(value, transform);
    setDraft(error ? { ...draft, error } : null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (!multiline || event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      setDraft(null);
    }
  };
  const common = {
    id,
    className: mono ? 'input mono' : 'input',
    'data-testid': `inspector-field-${field.testId}`,
    value: text,
    placeholder,
    'aria-invalid': draft?.error ? true : undefined,
    onBlur: commit,
    onKeyDown,
  };
  return (
    <FieldRow label={label} testId={field.testId} help={field.help} error={draft?.error} htmlFor={id}>
      {multiline ? (
        <textarea
          {...common}
          rows={3}
          onChange={(event) => setDraft({ text: event.target.value, over: field.value })}
        />
      ) : (
        <input
          {...common}
          type="text"
          spellCheck={false}
          list={suggestions ? listId : undefined}
          onChange={(event) => setDraft({ text: event.target.value, over: field.value })}
        />
      )}
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      )}
    </FieldRow>
  );
}

export interface NumberFieldProps {
  readonly path: FieldPath;
  readonly label: string;
  /** Blank removes the field. */
  readonly optional?: boolean;
  readonly step?: number;
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
  readonly placeholder?: string;
}

/** A number stepper: each valid change is committed at once (one command per change). */
export function NumberField({
  path,
  label,
  optional,
  step = 1,
  min,
  max,
  unit,
  placeholder,
}: NumberFieldProps) {
  const field = useField(path);
  const [draft, setDraft] = useDraft(field.value);
  const id = useId();
  const text = draft?.text ?? asText(field.value);
  const change = (typed: string) => {
    const value = parseNumber(typed);
    let error: string | undefined;
    if (value === undefined && !optional) error = 'must be a number';
    else if (value !== undefined && Number.isNaN(value)) error = 'must be a number';
    else if (value === field.value) {
      setDraft(typed === asText(value) ? null : { text: typed, over: field.value });
      return;
    } else error = field.commit(value);
    // After a commit the document holds the new value: keep the text as typed over it ("1." stays "1.").
    setDraft(error ? { text: typed, over: field.value, error } : { text: typed, over: value });
  };
  return (
    <FieldRow label={label} testId={field.testId} help={field.help} error={draft?.error} htmlFor={id}>
      <span className="number-input">
        <input
          id={id}
          className="input"
          type="number"
          inputMode="decimal"
          data-testid={`inspector-field-${field.testId}`}
          value={text}
          step={step}
          min={min}
          max={max}
          placeholder={placeholder ?? (optional ? 'not set' : undefined)}
          aria-invalid={draft?.error ? true : undefined}
          onChange={(event) => change(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setDraft(null);
            }
          }}
        />
        {unit && <span className="unit">{unit}</span>}
      </span>
    </FieldRow>
  );
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

export function options(values: readonly string[]): SelectOption[] {
  return values.map((value) => ({ value, label: value }));
}

export interface SelectFieldProps {
  readonly path: FieldPath;
  readonly label: string;
  readonly choices: readonly SelectOption[];
  /** Offer "not set", which removes the field. */
  readonly optional?: boolean | string;
  readonly transform?: Transform;
  /** Commits something other than a field change (e.g. a move), returning the refusal. */
  readonly onSelect?: (value: string | undefined) => string | undefined;
  /** The value shown when the field is not set (a schema default the file leaves out). */
  readonly fallback?: string;
}

export function SelectField({
  path,
  label,
  choices,
  optional,
  transform,
  onSelect,
  fallback,
}: SelectFieldProps) {
  const field = useField(path);
  const [error, setError] = useState<{ message: string; over: unknown } | null>(null);
  const id = useId();
  const value = field.value === undefined ? (fallback ?? '') : String(field.value);
  const known = choices.some((choice) => choice.value === value);
  return (
    <FieldRow
      label={label}
      testId={field.testId}
      help={field.help}
      error={error && Object.is(error.over, field.value) ? error.message : undefined}
      htmlFor={id}
    >
      <select
        id={id}
        className="input"
        data-testid={`inspector-field-${field.testId}`}
        value={value}
        onChange={(event) => {
          const next = event.target.value === '' ? undefined : event.target.value;
          const message = onSelect ? onSelect(next) : field.commit(next, transform);
          if (onSelect && message === undefined) field.hold(next);
          setError(message ? { message, over: field.value } : null);
        }}
      >
        {(optional || value === '') && (
          <option value="">{typeof optional === 'string' ? optional : 'not set'}</option>
        )}
        {!known && value !== '' && <option value={value}>{value}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}

export interface CheckFieldProps {
  readonly path: FieldPath;
  readonly label: string;
  /** The value when the field is not set (its schema default). */
  readonly fallback?: boolean;
  /** What to put at the path when ticked and unticked (default true and false). */
  readonly on?: unknown;
  readonly off?: unknown;
  /** Whether the box is ticked, from the value at the path (default: the value is true). */
  readonly isOn?: (value: unknown) => boolean;
  readonly transform?: Transform;
}

export function CheckField({
  path,
  label,
  fallback = false,
  on = true,
  off = false,
  isOn,
  transform,
}: CheckFieldProps) {
  const field = useField(path);
  const [error, setError] = useState<{ message: string; over: unknown } | null>(null);
  const id = useId();
  const checked = isOn ? isOn(field.value) : field.value === undefined ? fallback : field.value === true;
  return (
    <FieldRow
      label={label}
      testId={field.testId}
      help={field.help}
      error={error && Object.is(error.over, field.value) ? error.message : undefined}
      htmlFor={id}
    >
      <input
        id={id}
        type="checkbox"
        className="checkbox"
        data-testid={`inspector-field-${field.testId}`}
        checked={checked}
        onChange={(event) => {
          const message = field.commit(event.target.checked ? on : off, transform);
          setError(message ? { message, over: field.value } : null);
        }}
      />
    </FieldRow>
  );
}

/** A group of fields under a heading; collapsible. */
export function Section({
  title,
  children,
  id,
  defaultOpen = true,
  aside,
}: {
  title: string;
  children: ReactNode;
  id: string;
  defaultOpen?: boolean;
  aside?: ReactNode;
}) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <section
      className={open ? 'inspector-section open' : 'inspector-section'}
      data-testid={`inspector-section-${id}`}
    >
      <header className="section-header">
        <button type="button" className="section-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="section-caret" aria-hidden="true">
            ▸
          </span>
          {title}
        </button>
        {aside}
      </header>
      {open && <div className="section-body">{children}</div>}
    </section>
  );
}

/** A message about a whole list or group (its add and remove buttons commit the whole value). */
export function GroupError({ testId, error }: { testId: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <div className="field-error" role="alert" data-testid={`inspector-error-${testId}`}>
      {error}
    </div>
  );
}

/** A plain read-only row: a label and a value. */
export function InfoRow({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <div className="field-control info" data-testid={testId}>
        {children}
      </div>
    </div>
  );
}
