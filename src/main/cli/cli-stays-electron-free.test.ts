import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module reachable from a file through static and dynamic imports of our own sources. */
function reachableImports(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (graph.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
      ...source.matchAll(/(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g),
      ...source.matchAll(/^import\s*['"]([^'"]+)['"]/gm),
    ].map((m) => m[1]);
    graph.set(file, specifiers);
    for (const spec of specifiers) {
      if (!spec.startsWith('.')) continue;
      const base = resolve(dirname(file), spec);
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
        (p) => existsSync(p) && p.match(/\.tsx?$/),
      );
      if (found) queue.push(found);
    }
  }
  return graph;
}

describe('the netlab CLI', () => {
  it('never reaches an electron import, so it runs under plain Node', () => {
    const graph = reachableImports(join(__dirname, '..', 'cli.ts'));
    expect(graph.size).toBeGreaterThan(5);
    const offenders = [...graph].filter(([, specs]) =>
      specs.some((s) => s === 'electron' || s.startsWith('electron/')),
    );
    expect(offenders.map(([file]) => file)).toEqual([]);
  });
});
