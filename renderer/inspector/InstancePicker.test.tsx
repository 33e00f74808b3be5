// @vitest-environment happy-dom
// The instance type picker: the catalog filtered by family, size, GPU, network, metal and architecture,
// each row priced in the element's region ("no price" when the catalog has none, never 0), and a pick is
// one update command.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesProvider } from '../app/context';
import { testCatalog } from '../test-support/catalog';
import { smallDocument } from '../test-support/documents';
import { createTestServices } from '../test-support/services';
import { Inspector } from './Inspector';
import { NO_FILTER, filterInstances, hourlyPrice, matchesFilter } from './instance-filter';

afterEach(cleanup);

const catalog = testCatalog();
const names = (filter: Partial<typeof NO_FILTER>, region = 'us-east-1') =>
  filterInstances(catalog, region, { ...NO_FILTER, ...filter }).map((row) => row.type.name);

describe('filters', () => {
  it('narrows by family, size, GPU, network, metal and architecture', () => {
    expect(names({ family: 'c6in' })).toEqual([
      'c6in.large',
      'c6in.xlarge',
      'c6in.2xlarge',
      'c6in.4xlarge',
      'c6in.8xlarge',
      'c6in.12xlarge',
      'c6in.16xlarge',
      'c6in.24xlarge',
      'c6in.32xlarge',
      'c6in.metal',
    ]);
    expect(names({ family: 'c6in', metalOnly: true })).toEqual(['c6in.metal']);
    expect(names({ family: 'c6in', minNetworkGbps: 150 })).toEqual([
      'c6in.24xlarge',
      'c6in.32xlarge',
      'c6in.metal',
    ]);
    expect(names({ gpu: 'H100' })).toEqual(['p5.4xlarge', 'p5.48xlarge']);
    for (const type of catalog.instanceTypes()) {
      if (matchesFilter(type, { ...NO_FILTER, gpu: 'none' })) expect(type.gpus).toBe(0);
      if (matchesFilter(type, { ...NO_FILTER, arch: 'arm64', minVcpu: 16, minMemoryGiB: 64 })) {
        expect(type.arch).toBe('arm64');
        expect(type.vcpu).toBeGreaterThanOrEqual(16);
        expect(type.memoryGiB).toBeGreaterThanOrEqual(64);
      }
    }
    expect(names({ search: 'c6in metal' })).toEqual(['c6in.metal']);
  });

  it('prices each row in the region, and says "no price" when the catalog has none', () => {
    const [p5e] = filterInstances(catalog, 'us-east-1', { ...NO_FILTER, search: 'p5e.48xlarge' });
    expect(p5e!.price.status).toBe('missing');
    expect(hourlyPrice(p5e!.price)).toBe('no price');
    const [m6i] = filterInstances(catalog, 'us-east-1', { ...NO_FILTER, search: 'm6i.large' });
    expect(hourlyPrice(m6i!.price)).toMatch(/^\$0\.\d+\/h$/);
    expect(m6i!.zones.length).toBeGreaterThan(0);
    const byPrice = filterInstances(catalog, 'us-east-1', { ...NO_FILTER, family: 'm6i' }, 'price');
    const prices = byPrice.map((row) => (row.price.status === 'priced' ? row.price.usd : Infinity));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });
});

function renderWith(selection: string) {
  const services = createTestServices({ document: smallDocument() });
  services.store.getState().setSelection([selection]);
  render(
    <ServicesProvider services={services}>
      <Inspector />
    </ServicesProvider>,
  );
  return services;
}

describe('picker', () => {
  it('opens from a pool\u2019s type field, adds a type with one update, and removes it again', () => {
    const services = renderWith('app-general');
    act(() => void fireEvent.click(screen.getByTestId('inspector-field-instanceTypes')));
    const picker = screen.getByTestId('instance-picker');
    expect(picker.querySelectorAll('tbody tr').length).toBe(100);
    expect(screen.getByTestId('instance-picker-count').textContent).toContain('Showing 100 of');
    act(
      () =>
        void fireEvent.change(screen.getByTestId('instance-picker-filter-family'), {
          target: { value: 'm6a' },
        }),
    );
    expect(within(picker).getByTestId('instance-picker-row-m6a.large').dataset.chosen).toBe('false');
    act(() => void fireEvent.click(screen.getByTestId('instance-picker-row-m6a.large')));
    const pool = () => services.store.getState().doc.spec.nodePools.find((p) => p.id === 'app-general')!;
    expect(pool().instanceTypes).toEqual(['m6i.large', 'm6a.large']);
    expect(services.store.getState().undoStack.map((e) => e.code)).toEqual(['model.update']);
    expect(screen.getByTestId('instance-picker-row-m6a.large').dataset.chosen).toBe('true');
    act(() => void fireEvent.click(screen.getByTestId('instance-picker-row-m6a.large')));
    expect(pool().instanceTypes).toEqual(['m6i.large']);
    act(() => void fireEvent.click(screen.getByTestId('instance-picker-replace-m6a.large')));
    expect(pool().instanceTypes).toEqual(['m6a.large']);
    expect(services.store.getState().undoStack).toHaveLength(3);
  });

  it('refuses to remove a pool\u2019s last type, with the reason', () => {
    renderWith('app-general');
    act(() => void fireEvent.click(screen.getByTestId('inspector-field-instanceTypes')));
    act(
      () =>
        void fireEvent.change(screen.getByTestId('instance-picker-filter-search'), {
          target: { value: 'm6i.large' },
        }),
    );
    act(() => void fireEvent.click(screen.getByTestId('instance-picker-row-m6i.large')));
    expect(screen.getByTestId('instance-picker-error').textContent).toContain(
      'must list at least one instance type',
    );
  });

  it('shows prices in the element\u2019s region, "no price" when missing, and the zones that offer a type', () => {
    renderWith('app-gpu');
    act(() => void fireEvent.click(screen.getByTestId('inspector-field-instanceTypes')));
    act(
      () =>
        void fireEvent.change(screen.getByTestId('instance-picker-filter-gpu'), {
          target: { value: 'H200' },
        }),
    );
    act(
      () =>
        void fireEvent.change(screen.getByTestId('instance-picker-filter-search'), {
          target: { value: 'p5e' },
        }),
    );
    expect(screen.getByTestId('instance-picker-price-p5e.48xlarge').textContent).toBe('no price');
    act(
      () =>
        void fireEvent.change(screen.getByTestId('instance-picker-filter-gpu'), {
          target: { value: 'A10G' },
        }),
    );
    act(
      () =>
        void fireEvent.change(screen.getByTestId('instance-picker-filter-search'), {
          target: { value: 'g5.xlarge' },
        }),
    );
    const price = screen.getByTestId('instance-picker-price-g5.xlarge');
    const expected = catalog.onDemandPrice('us-east-1', 'g5.xlarge');
    expect(expected.status).toBe('priced');
    expect(price.textContent).toBe(hourlyPrice(expected));
    const row = screen.getByTestId('instance-picker-row-g5.xlarge');
    const offered = catalog.zonesOffering('us-east-1', 'g5.xlarge');
    expect(row.querySelectorAll('.zone-letter.on')).toHaveLength(
      ['us-east-1a', 'us-east-1b', 'us-east-1c'].filter((z) => offered.includes(z)).length,
    );
  });

  it('replaces a fleet\u2019s type with one pick and closes', () => {
    const services = renderWith('stream');
    act(() => void fireEvent.click(screen.getByTestId('inspector-field-instanceType')));
    act(() => void fireEvent.click(screen.getByTestId('instance-picker-filter-metal')));
    act(
      () =>
        void fireEvent.change(screen.getByTestId('instance-picker-filter-search'), {
          target: { value: 'c5n' },
        }),
    );
    expect(screen.getByTestId('instance-picker').querySelectorAll('tbody tr')).toHaveLength(1);
    act(() => void fireEvent.click(screen.getByTestId('instance-picker-row-c5n.metal')));
    expect(services.store.getState().doc.spec.fleets[0]!.instanceType).toBe('c5n.metal');
    expect(services.store.getState().undoStack.map((e) => e.code)).toEqual(['model.update']);
    expect(screen.queryByTestId('instance-picker')).toBeNull();
    expect((screen.getByTestId('inspector-field-instanceType') as HTMLInputElement).value).toBe('c5n.metal');
  });
});
