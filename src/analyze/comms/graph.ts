/**
 * graphology in one place. Its packages ship CommonJS with `export default` typings, which
 * TypeScript's NodeNext resolution types as a namespace object while Node hands over the
 * function itself; `unwrap` takes whichever is there, typed as the default export.
 */
import GraphImport from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import pagerankImport from 'graphology-metrics/centrality/pagerank.js';
import { seeded } from '../random.js';

function unwrap<T>(m: unknown): T {
  return (m as { default?: T }).default ?? (m as T);
}

const Graph = unwrap<typeof GraphImport.default>(GraphImport);
const pagerankFn = unwrap<typeof pagerankImport.default>(pagerankImport);
const louvain = unwrap<typeof louvainImport.default>(louvainImport);

/** A weighted directed edge list: `source → target` with a positive weight. */
export interface WeightedEdge {
  source: string;
  target: string;
  weight: number;
}

export interface GraphMeasures {
  nodes: string[];
  pagerank: Map<string, number>;
  inDegree: Map<string, number>;
  outDegree: Map<string, number>;
  weightedIn: Map<string, number>;
}

/** Builds the directed graph (parallel edges summed), nodes inserted in sorted order. */
function build(edges: readonly WeightedEdge[]) {
  const merged = new Map<string, WeightedEdge>();
  for (const e of edges) {
    const key = `${e.source}\u0000${e.target}`;
    const m = merged.get(key);
    if (m) m.weight += e.weight;
    else merged.set(key, { ...e });
  }
  const g = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const names = [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort();
  for (const n of names) g.addNode(n);
  const sorted = [...merged.values()].sort((a, b) =>
    a.source === b.source ? (a.target < b.target ? -1 : 1) : a.source < b.source ? -1 : 1,
  );
  for (const e of sorted) {
    if (e.source !== e.target) g.addEdge(e.source, e.target, { weight: e.weight });
  }
  return g;
}

/**
 * Weighted PageRank (damping 0.85; an account that is retweeted or mentioned by important
 * accounts is important), distinct-neighbour in/out degrees and received weight.
 */
export function measureGraph(edges: readonly WeightedEdge[]): GraphMeasures {
  const g = build(edges);
  const pr =
    g.order > 0
      ? pagerankFn(g, { getEdgeWeight: 'weight', alpha: 0.85, maxIterations: 200, tolerance: 1e-9 })
      : {};
  const nodes = g.nodes();
  const weightedIn = new Map<string, number>();
  g.forEachEdge((_e, attrs, _s, target) => {
    weightedIn.set(target, (weightedIn.get(target) ?? 0) + (attrs.weight as number));
  });
  return {
    nodes,
    pagerank: new Map(nodes.map((n) => [n, pr[n] ?? 0])),
    inDegree: new Map(nodes.map((n) => [n, g.inDegree(n)])),
    outDegree: new Map(nodes.map((n) => [n, g.outDegree(n)])),
    weightedIn,
  };
}

/** Louvain communities (weighted, seeded: the same seed gives the same partition). */
export function communities(
  edges: readonly WeightedEdge[],
  seed: number,
): { community: Map<string, number>; modularity: number | null } {
  const g = build(edges);
  if (g.size === 0) return { community: new Map(), modularity: null };
  const out = louvain.detailed(g, { getEdgeWeight: 'weight', rng: seeded(seed) });
  return { community: new Map(Object.entries(out.communities)), modularity: out.modularity };
}
