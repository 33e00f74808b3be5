// The renderer's catalog: taken over from the early read `catalog-early.js` starts in the built app, fetched
// otherwise; a file that cannot be read is refused with a message that names it.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const FILE = JSON.parse(
  readFileSync(new URL('../../resources/catalog/aws.json', import.meta.url), 'utf8'),
) as {
  id: string;
};

type Scope = { __topologyCatalog?: Promise<unknown> };

async function freshLoadCatalog() {
  vi.resetModules();
  return (await import('./catalog')).loadCatalog;
}

describe('loadCatalog', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    delete (globalThis as Scope).__topologyCatalog;
  });

  it('takes over the early read and does not fetch the file again', async () => {
    (globalThis as Scope).__topologyCatalog = Promise.resolve(FILE);
    const catalog = await (await freshLoadCatalog())();
    expect(catalog.id).toBe(FILE.id);
    expect(catalog.instanceType('m7i.large')?.vcpu).toBe(2);
    expect(fetchMock).not.toHaveBeenCalled();
    expect((globalThis as Scope).__topologyCatalog).toBeUndefined();
  });

  it('names the file when the early read failed', async () => {
    const failed = Promise.reject(new Error('could not be read (HTTP 404)'));
    failed.catch(() => undefined);
    (globalThis as Scope).__topologyCatalog = failed;
    await expect((await freshLoadCatalog())()).rejects.toThrow(
      /^the catalog \S*aws\S*\.json could not be read \(HTTP 404\)$/,
    );
  });

  it('fetches the file itself without an early read (the dev server, a worker)', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify(FILE)));
    const loadCatalog = await freshLoadCatalog();
    const catalog = await loadCatalog();
    expect(catalog.id).toBe(FILE.id);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // Read once: a second call gets the same catalog.
    expect(await loadCatalog()).toBe(catalog);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('refuses a file that is not JSON, or an HTTP error, naming the file', async () => {
    fetchMock.mockResolvedValue(new Response('{ not json'));
    await expect((await freshLoadCatalog())()).rejects.toThrow(
      /^the catalog \S*aws\S*\.json is not valid JSON: /,
    );
    fetchMock.mockResolvedValue(new Response('', { status: 404 }));
    await expect((await freshLoadCatalog())()).rejects.toThrow(
      /^the catalog \S*aws\S*\.json could not be read \(HTTP 404\)$/,
    );
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect((await freshLoadCatalog())()).rejects.toThrow(
      /^the catalog \S*aws\S*\.json could not be read: Failed to fetch$/,
    );
  });
});
