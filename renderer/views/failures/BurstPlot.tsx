// The burst simulation of the Failures view: demand rising to the burst factor over the ramp against the
// capacity the autoscaling chain brings up (HPA, pod start-up, Karpenter nodes), the unserved demand shaded,
// and its total as a number. The burst factor and the ramp are the view's own knobs (never saved); the
// chain's delays are the document's `settings.autoscaling`: moving one of those sliders previews the value
// and, when released, commits it as one undoable `settings` command (a refused value is shown, nothing sent).
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { BurstOptions, ChainDelays } from '../../../shared/blast/types';
import type { Settings } from '../../../shared/model/schema';
import { useAppStore, useServices } from '../../app/context';
import { setAt } from '../../inspector/edit';
import { documentEditor } from '../../inspector/Inspector';
import type { BurstTarget } from './burst-plot';
import { burstCurve, plotGeometry, PLOT_FRAME } from './burst-plot';
import type { BurstKnob } from './failures-model';
import { BURST_KNOBS, clampKnob } from './failures-model';
import { useAnalysedDocument } from './use-failures';

type ViewKnobs = { burstFactor: number | null; rampMinutes: number };
/** A delay being dragged: its value, and the document's value it was dragged over (dropped when that changes). */
type DelayDrafts = Partial<Record<keyof ChainDelays, { readonly value: number; readonly over: number }>>;

interface SliderProps {
  readonly knob: BurstKnob;
  readonly value: number;
  /** Shown beside the slider when the value is not the knob's own (e.g. "design"). */
  readonly note?: string;
  readonly error?: string;
  onInput(value: number): void;
  /** The slider was released (or stepped with the keyboard): the value is final. */
  onCommit?(value: number): void;
}

function Slider({ knob, value, note, error, onInput, onCommit }: SliderProps) {
  const ref = useRef<HTMLInputElement>(null);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  // React's onChange fires on every input event; the native change event fires once, on release.
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    const listener = () => commit.current?.(Number(input.value));
    input.addEventListener('change', listener);
    return () => input.removeEventListener('change', listener);
  }, []);
  return (
    <label className={error ? 'failures-knob invalid' : 'failures-knob'}>
      <span className="failures-knob-label">{knob.label}</span>
      <input
        ref={ref}
        type="range"
        min={knob.min}
        max={knob.max}
        step={knob.step}
        value={clampKnob(knob, value)}
        data-testid={`failures-knob-${knob.key}`}
        aria-valuetext={`${value} ${knob.unit}`}
        onChange={(event) => onInput(Number(event.target.value))}
      />
      <span className="failures-knob-value" data-testid={`failures-knob-value-${knob.key}`}>
        {note ?? `${value} ${knob.unit}`}
      </span>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/** The burst section: target, sliders, plot and the unserved figure. */
export function BurstSection() {
  const services = useServices();
  const doc = useAnalysedDocument();
  const delays = useAppStore((s) => s.doc.spec.settings.autoscaling);
  const [target, setTarget] = useState<BurstTarget>({ kind: 'traffic' });
  const [knobs, setKnobs] = useState<ViewKnobs>({ burstFactor: null, rampMinutes: 30 });
  const [drafts, setDrafts] = useState<DelayDrafts>({});
  const [errors, setErrors] = useState<Partial<Record<keyof ChainDelays, string>>>({});

  const workloads = useMemo(
    () =>
      doc.spec.workloads
        .filter((w) => w.userFacing && w.demand)
        .map((w) => ({ id: w.id, name: w.name }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    [doc],
  );
  const options = useMemo((): BurstOptions => {
    const chosen: { -readonly [K in keyof BurstOptions]: BurstOptions[K] } = {
      rampMinutes: knobs.rampMinutes,
    };
    for (const [key, draft] of Object.entries(drafts) as [
      keyof ChainDelays,
      DelayDrafts[keyof ChainDelays],
    ][])
      if (draft && draft.over === delays[key]) chosen[key] = draft.value;
    if (knobs.burstFactor !== null) chosen.burstFactor = knobs.burstFactor;
    return chosen;
  }, [knobs, drafts, delays]);
  // A slider drag re-simulates on every step; on a large design the plot may lag a step behind the thumb.
  const settled = useDeferredValue(options);
  const result = useMemo(
    () => burstCurve(doc, target, settled, services.catalog),
    [doc, target, settled, services.catalog],
  );
  const geometry = useMemo(() => (result.ok ? plotGeometry(result.curve) : null), [result]);

  const commitDelay = (key: keyof ChainDelays, value: number) => {
    const current = services.store.getState().doc.spec.settings;
    const candidate = setAt(current, ['autoscaling', key], value) as Settings;
    const error = documentEditor(services.store, 'settings', current).commit(candidate, ['autoscaling', key]);
    setErrors((before) => ({ ...before, [key]: error }));
    if (!error) setDrafts((before) => ({ ...before, [key]: undefined }));
  };

  const factorNote =
    knobs.burstFactor === null ? `design (${result.ok ? result.curve.peak.toFixed(2) : '–'}x)` : undefined;
  const targetValue = target.kind === 'traffic' ? '' : target.id;
  return (
    <section className="failures-section" data-testid="failures-burst" aria-label="Burst simulation">
      <header className="failures-section-head">
        <h3>Burst</h3>
        <select
          className="input"
          data-testid="failures-burst-target"
          aria-label="Burst of"
          value={targetValue}
          onChange={(event) =>
            setTarget(event.target.value ? { kind: 'workload', id: event.target.value } : { kind: 'traffic' })
          }
        >
          <option value="">All user traffic</option>
          {workloads.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name} ({w.id})
            </option>
          ))}
        </select>
      </header>
      <div className="failures-knobs">
        {BURST_KNOBS.map((knob) => {
          if (knob.source === 'view') {
            const value =
              knob.key === 'burstFactor'
                ? (knobs.burstFactor ?? (result.ok ? result.curve.peak : 1))
                : knobs.rampMinutes;
            return (
              <Slider
                key={knob.key}
                knob={knob}
                value={value}
                note={knob.key === 'burstFactor' ? factorNote : undefined}
                onInput={(next) => setKnobs((before) => ({ ...before, [knob.key]: next }))}
              />
            );
          }
          const key = knob.key as keyof ChainDelays;
          return (
            <Slider
              key={key}
              knob={knob}
              value={options[key] ?? delays[key]}
              error={errors[key]}
              onInput={(next) => {
                // Over the document's value now: a commit may have run since this render.
                const over = services.store.getState().doc.spec.settings.autoscaling[key];
                setDrafts((before) => ({ ...before, [key]: { value: next, over } }));
              }}
              onCommit={(next) => commitDelay(key, next)}
            />
          );
        })}
        <button
          type="button"
          className="button"
          data-testid="failures-burst-reset"
          title="Back to the design's burst factors and a 30-minute ramp"
          onClick={() => setKnobs({ burstFactor: null, rampMinutes: 30 })}
        >
          Reset factor and ramp
        </button>
      </div>
      {result.ok && geometry ? (
        <>
          <p className="failures-unserved" data-testid="failures-unserved" role="status">
            Unserved: <strong>{result.curve.unservedPercent.toFixed(2)}%</strong> of demand ·{' '}
            {result.curve.unservedBaselineMinutes.toFixed(1)} baseline-minutes · {result.curve.catchUp}
          </p>
          <svg
            className="failures-plot"
            data-testid="failures-burst-plot"
            viewBox={`0 0 ${PLOT_FRAME.width} ${PLOT_FRAME.height}`}
            role="img"
            aria-label={`Demand rising to ${result.curve.peak.toFixed(2)}x baseline over ${result.curve.rampMinutes} minutes against capacity; ${result.curve.unservedPercent.toFixed(2)}% unserved`}
          >
            {geometry.yTicks.map((tick) => (
              <g key={`y${tick.value}`} className="plot-grid">
                <line
                  x1={PLOT_FRAME.left}
                  x2={PLOT_FRAME.width - PLOT_FRAME.right}
                  y1={tick.at}
                  y2={tick.at}
                />
                <text x={PLOT_FRAME.left - 6} y={tick.at + 4} textAnchor="end">
                  {tick.label}
                </text>
              </g>
            ))}
            {geometry.xTicks.map((tick) => (
              <text
                key={`x${tick.value}`}
                className="plot-tick"
                x={tick.at}
                y={PLOT_FRAME.height - PLOT_FRAME.bottom + 16}
                textAnchor="middle"
              >
                {tick.label}
              </text>
            ))}
            <text
              className="plot-tick"
              x={PLOT_FRAME.width - PLOT_FRAME.right}
              y={PLOT_FRAME.height - 2}
              textAnchor="end"
            >
              minutes
            </text>
            <line
              className="plot-ramp"
              x1={geometry.rampX}
              x2={geometry.rampX}
              y1={PLOT_FRAME.top}
              y2={PLOT_FRAME.height - PLOT_FRAME.bottom}
            />
            <path className="plot-unserved" data-testid="failures-burst-unserved" d={geometry.unservedPath} />
            <path className="plot-capacity" d={geometry.capacityPath} />
            <path className="plot-demand" d={geometry.demandPath} />
          </svg>
          <p className="failures-legend">
            <span className="legend demand">demand</span>
            <span className="legend capacity">capacity (HPA + nodes)</span>
            <span className="legend unserved">unserved</span>
            <span className="muted">y: multiple of baseline</span>
          </p>
        </>
      ) : (
        <p className="failures-empty" data-testid="failures-unserved">
          {result.ok ? '' : result.message}
        </p>
      )}
    </section>
  );
}
