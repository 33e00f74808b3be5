// @vitest-environment happy-dom
// The inspector: each committed edit is one `update` (or `settings`) command; an edit the schema refuses
// shows the field's message and dispatches nothing.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesProvider } from '../app/context';
import { loadTemplate, smallDocument } from '../test-support/documents';
import { createTestServices } from '../test-support/services';
import type { TestServices } from '../test-support/services';
import { Inspector } from './Inspector';

afterEach(cleanup);

function renderInspector(selection: string[] = [], document = smallDocument()) {
  const services = createTestServices({ document });
  services.store.getState().setSelection(selection);
  render(
    <ServicesProvider services={services}>
      <Inspector />
    </ServicesProvider>,
  );
  return services;
}

const field = (path: string) => screen.getByTestId(`inspector-field-${path}`) as HTMLInputElement;
const history = (services: TestServices) => services.store.getState().undoStack.map((e) => e.code);
const pool = (services: TestServices, id: string) =>
  services.store.getState().doc.spec.nodePools.find((p) => p.id === id)!;

describe('element inspector', () => {
  it('shows the kind, the id and the cost of the selected element', () => {
    renderInspector(['app-general']);
    expect(screen.getByTestId('inspector-kind').textContent).toBe('node pool');
    expect(screen.getByTestId('inspector-id').textContent).toBe('app-general');
    expect(field('name').value).toBe('general');
    expect(screen.getByTestId('inspector-cost').textContent).toMatch(/^\$[\d.]+k?\/mo expected/);
  });

  it('commits a number stepper on change as one update command', () => {
    const services = renderInspector(['app-general']);
    act(() => void fireEvent.change(field('nodesPerAz.desired'), { target: { value: '3' } }));
    expect(pool(services, 'app-general').nodesPerAz).toEqual({ min: 1, desired: 3, max: 3 });
    expect(history(services)).toEqual(['model.update']);
    expect(services.store.getState().undoStack[0]!.label).toBe('Change node pool "general"');
    expect(screen.queryByTestId('inspector-error-nodesPerAz.desired')).toBeNull();
  });

  it('applies each edit to the document as it is, even before the form has caught up with the last one', () => {
    const services = renderInspector(['app-general']);
    // Two edits in one batch: the second handler runs before the form re-renders with the first.
    act(() => {
      fireEvent.change(field('nodesPerAz.max'), { target: { value: '5' } });
      fireEvent.change(field('nodesPerAz.desired'), { target: { value: '4' } });
    });
    expect(pool(services, 'app-general').nodesPerAz).toEqual({ min: 1, desired: 4, max: 5 });
    expect(history(services)).toEqual(['model.update', 'model.update']);
    expect(field('nodesPerAz.max').value).toBe('5');
    expect(field('nodesPerAz.desired').value).toBe('4');
  });

  it('switches a workload between fixed replicas and autoscaling, one update each way', () => {
    const services = renderInspector(['web']);
    const web = () => services.store.getState().doc.spec.workloads.find((w) => w.id === 'web')!;
    expect(field('scaling').value).toBe('fixed');
    act(() => void fireEvent.change(field('scaling'), { target: { value: 'hpa' } }));
    expect(web().autoscaling).toEqual({ minReplicas: 2, maxReplicas: 6, targetCpuPercent: 70 });
    expect(web().replicas).toBeUndefined();
    expect(field('scaling').value).toBe('hpa');
    act(() => void fireEvent.change(field('scaling'), { target: { value: 'fixed' } }));
    expect(web().autoscaling).toBeUndefined();
    expect(web().replicas).toBe(2);
    expect(field('scaling').value).toBe('fixed');
    expect(history(services)).toEqual(['model.update', 'model.update']);
    expect(screen.queryByTestId('inspector-error-scaling')).toBeNull();
  });

  it('refuses an invalid value with the field\u2019s message and dispatches nothing', () => {
    const services = renderInspector(['app-general']);
    act(() => void fireEvent.change(field('nodesPerAz.desired'), { target: { value: '9' } }));
    expect(screen.getByTestId('inspector-error-nodesPerAz.desired').textContent).toBe(
      'max must be ≥ desired (9)',
    );
    expect(field('nodesPerAz.desired').value).toBe('9');
    expect(pool(services, 'app-general').nodesPerAz.desired).toBe(2);
    expect(history(services)).toEqual([]);

    act(() => void fireEvent.change(field('capacity.spotPercent'), { target: { value: '120' } }));
    expect(screen.getByTestId('inspector-error-capacity.spotPercent').textContent).toBe(
      'must be between 0 and 100',
    );
    act(() => void fireEvent.change(field('nodesPerAz.min'), { target: { value: '' } }));
    expect(screen.getByTestId('inspector-error-nodesPerAz.min').textContent).toBe('must be a number');
    expect(history(services)).toEqual([]);
  });

  it('commits a text field on Enter or blur, not while typing; Escape puts the value back', () => {
    const services = renderInspector(['web']);
    const name = field('name');
    act(() => void fireEvent.change(name, { target: { value: 'frontend' } }));
    expect(history(services)).toEqual([]);
    act(() => void fireEvent.keyDown(name, { key: 'Enter' }));
    expect(services.store.getState().doc.spec.workloads.find((w) => w.id === 'web')!.name).toBe('frontend');
    expect(history(services)).toEqual(['model.update']);
    act(() => void fireEvent.blur(name));
    expect(history(services)).toEqual(['model.update']);

    act(() => void fireEvent.change(field('namespace'), { target: { value: 'shop' } }));
    act(() => void fireEvent.blur(field('namespace')));
    expect(services.store.getState().doc.spec.workloads.find((w) => w.id === 'web')!.namespace).toBe('shop');

    act(() => void fireEvent.change(field('name'), { target: { value: '' } }));
    act(() => void fireEvent.keyDown(field('name'), { key: 'Enter' }));
    expect(screen.getByTestId('inspector-error-name').textContent).toBe('must not be empty');
    act(() => void fireEvent.keyDown(field('name'), { key: 'Escape' }));
    expect(field('name').value).toBe('frontend');
    expect(screen.queryByTestId('inspector-error-name')).toBeNull();
    expect(history(services)).toEqual(['model.update', 'model.update']);
  });

  it('shows the document again after undo', () => {
    const services = renderInspector(['app-general']);
    act(() => void fireEvent.change(field('nodesPerAz.max'), { target: { value: '5' } }));
    expect(field('nodesPerAz.max').value).toBe('5');
    act(() => void services.store.getState().undo());
    expect(field('nodesPerAz.max').value).toBe('3');
  });

  it('toggles zones with chips limited to the cluster\u2019s zones', () => {
    const services = renderInspector(['app-general']);
    expect(screen.getByTestId('inspector-field-zones').querySelectorAll('button')).toHaveLength(3);
    act(() => void fireEvent.click(screen.getByTestId('inspector-zone-use1-c')));
    expect(pool(services, 'app-general').zones).toEqual(['use1-a', 'use1-b', 'use1-c']);
    act(() => void fireEvent.click(screen.getByTestId('inspector-zone-use1-a')));
    expect(pool(services, 'app-general').zones).toEqual(['use1-b', 'use1-c']);
    act(() => void fireEvent.click(screen.getByTestId('inspector-inherit-zones')));
    expect(pool(services, 'app-general').zones).toBeUndefined();
    expect(history(services)).toEqual(['model.update', 'model.update', 'model.update']);
  });

  it('edits taints and labels as lists, each edit one command', () => {
    const services = renderInspector(['app-gpu']);
    act(() => void fireEvent.change(field('taints.0.value'), { target: { value: 'gpu' } }));
    act(() => void fireEvent.keyDown(field('taints.0.value'), { key: 'Enter' }));
    expect(pool(services, 'app-gpu').taints).toEqual([
      { key: 'workload', value: 'gpu', effect: 'NoSchedule' },
    ]);
    act(() => void fireEvent.click(screen.getByTestId('inspector-add-labels')));
    expect(pool(services, 'app-gpu').labels).toEqual({ 'key-1': 'value' });
    act(() => void fireEvent.change(field('labels.key-1.key'), { target: { value: 'team' } }));
    act(() => void fireEvent.keyDown(field('labels.key-1.key'), { key: 'Enter' }));
    expect(pool(services, 'app-gpu').labels).toEqual({ team: 'value' });
    act(() => void fireEvent.click(screen.getByTestId('inspector-remove-taints.0')));
    expect(pool(services, 'app-gpu').taints).toEqual([]);
    expect(history(services)).toHaveLength(4);
  });

  it('switches a service between fixed replicas and autoscaling in one command', () => {
    const services = renderInspector(['web']);
    act(() => void fireEvent.change(field('scaling'), { target: { value: 'hpa' } }));
    const web = services.store.getState().doc.spec.workloads.find((w) => w.id === 'web')!;
    expect(web.replicas).toBeUndefined();
    expect(web.autoscaling).toEqual({ minReplicas: 2, maxReplicas: 6, targetCpuPercent: 70 });
    expect(history(services)).toEqual(['model.update']);
    act(() => void fireEvent.change(field('autoscaling.maxReplicas'), { target: { value: '1' } }));
    expect(screen.getByTestId('inspector-error-autoscaling.maxReplicas').textContent).toBe(
      'must be ≥ minReplicas (2)',
    );
  });

  it('moves a workload with the placement select, and shows why a move is refused', () => {
    const services = renderInspector(['ml']);
    act(() => void fireEvent.change(field('nodePool'), { target: { value: 'app-general' } }));
    expect(screen.getByTestId('inspector-error-nodePool').textContent).toContain(
      'requests 1 GPU(s) per replica but node pool "app-general" has no GPUs',
    );
    expect(history(services)).toEqual([]);
    cleanup();
    const other = renderInspector(['api']);
    act(() => void fireEvent.change(field('nodePool'), { target: { value: '' } }));
    const api = other.store.getState().doc.spec.workloads.find((w) => w.id === 'api')!;
    expect(api.nodePool).toBeUndefined();
    expect(api.cluster).toBe('app');
    expect(history(other)).toEqual(['model.move']);
  });

  it('edits the GPU settings of a GPU pool, and refuses to take them off', () => {
    const services = renderInspector(['app-gpu']);
    act(() => void fireEvent.change(field('gpu.countPerNode'), { target: { value: '4' } }));
    expect(pool(services, 'app-gpu').gpu?.countPerNode).toBe(4);
    act(() => void fireEvent.click(field('gpu')));
    expect(screen.getByTestId('inspector-error-gpu').textContent).toBe(
      'is required on a pool with role "gpu"',
    );
    expect(pool(services, 'app-gpu').gpu).toBeDefined();
  });

  it('edits a fleet\u2019s DPDK settings', () => {
    const services = renderInspector(['stream']);
    act(() => void fireEvent.change(field('hugepages.count'), { target: { value: '32' } }));
    act(() => void fireEvent.change(field('placementGroup'), { target: { value: 'spread' } }));
    const fleet = services.store.getState().doc.spec.fleets[0]!;
    expect(fleet.hugepages.count).toBe(32);
    expect(fleet.placementGroup).toBe('spread');
    act(() => void fireEvent.change(field('cpu.isolatedCores'), { target: { value: '9-2' } }));
    act(() => void fireEvent.blur(field('cpu.isolatedCores')));
    expect(screen.getByTestId('inspector-error-cpu.isolatedCores').textContent).toBe(
      'has a range whose end is below its start',
    );
    expect(history(services)).toEqual(['model.update', 'model.update']);
  });

  it('edits a dependency\u2019s type', () => {
    const services = renderInspector(['web-to-api']);
    act(() => void fireEvent.change(field('type'), { target: { value: 'soft' } }));
    expect(services.store.getState().doc.spec.dependencies.find((d) => d.id === 'web-to-api')!.type).toBe(
      'soft',
    );
  });

  it('lists the element\u2019s problems with their fixes', () => {
    const services = renderInspector(['app-system'], loadTemplate('startup'));
    expect(screen.getByTestId('inspector-problems').textContent).toContain('system pool keeps 1 node per AZ');
    act(() => void fireEvent.click(screen.getByTestId('inspector-problems').querySelector('button')!));
    expect(
      services.store.getState().analysis.diagnostics.some((d) => d.code === 'pool.system-min-nodes'),
    ).toBe(false);
  });
});

describe('document settings', () => {
  it('are shown when nothing is selected, and each edit is one settings command', () => {
    const services = renderInspector([]);
    expect(screen.getByTestId('inspector-settings')).toBeTruthy();
    const before = services.store.getState().analysis.cost!.totals.grand.expected;
    act(() => void fireEvent.change(field('hoursPerMonth'), { target: { value: '365' } }));
    expect(services.store.getState().doc.spec.settings.hoursPerMonth).toBe(365);
    expect(services.store.getState().analysis.cost!.totals.grand.expected).toBeLessThan(before);
    act(() => void fireEvent.change(field('spot.fallbackOnDemandPercent'), { target: { value: '25' } }));
    act(() => void fireEvent.change(field('monitoring.perNodeMonthly'), { target: { value: '12' } }));
    act(() => void fireEvent.change(field('engineering.people'), { target: { value: '2' } }));
    act(
      () => void fireEvent.change(field('engineering.monthlyCostPerPerson'), { target: { value: '9000' } }),
    );
    act(() => void fireEvent.change(field('usdExchangeRate'), { target: { value: '0.9' } }));
    act(() => void fireEvent.change(field('currency'), { target: { value: 'EUR' } }));
    act(() => void fireEvent.keyDown(field('currency'), { key: 'Enter' }));
    const settings = services.store.getState().doc.spec.settings;
    expect(settings).toMatchObject({
      hoursPerMonth: 365,
      currency: 'EUR',
      usdExchangeRate: 0.9,
      spot: { fallbackOnDemandPercent: 25 },
      monitoring: { perNodeMonthly: 12 },
      engineering: { people: 2, monthlyCostPerPerson: 9000 },
    });
    expect(history(services)).toEqual(Array(7).fill('settings.update'));
  });

  it('refuses invalid settings with the field\u2019s message', () => {
    const services = renderInspector([]);
    act(() => void fireEvent.change(field('hoursPerMonth'), { target: { value: '800' } }));
    expect(screen.getByTestId('inspector-error-hoursPerMonth').textContent).toMatch(/744/);
    act(() => void fireEvent.change(field('currency'), { target: { value: 'euro' } }));
    act(() => void fireEvent.blur(field('currency')));
    expect(screen.getByTestId('inspector-error-currency').textContent).toBe(
      'must be an ISO 4217 code such as USD',
    );
    expect(history(services)).toEqual([]);
  });

  it('edits the document details with metadata commands', () => {
    const services = renderInspector([]);
    act(() => void fireEvent.change(field('metadata.name'), { target: { value: 'Renamed' } }));
    act(() => void fireEvent.keyDown(field('metadata.name'), { key: 'Enter' }));
    expect(services.store.getState().doc.metadata.name).toBe('Renamed');
    expect(history(services)).toEqual(['metadata.update']);
  });
});
