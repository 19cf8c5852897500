/**
 * The mention / retweet / forward network of the matching documents: who amplifies whom.
 * Nodes are accounts and channels (lower-cased); an edge A → B means A mentioned, retweeted or
 * forwarded B, weighted by how many documents did. Reports weighted PageRank, degrees, Louvain
 * communities and the top hubs per time window.
 */
import {
  CommsNetworkOptionsSchema,
  EDGE_KINDS,
  type CommsFilter,
  type CommsNetworkOptions,
  type CommsNetworkResult,
  type NetworkNode,
} from '../../model/comms.js';
import { edgeRows } from '../../store/comms.js';
import type { Store } from '../../store/index.js';
import { parseOptions } from '../options.js';
import { communities, measureGraph } from './graph.js';
import { commsWindow, sqlFilter } from './window.js';

/**
 * Builds the network and ranks its accounts.
 *
 * - `kinds`: any of `mention, retweet, forward`; default all.
 * - `top`: accounts listed, by PageRank; default 20.
 * - `hubWindow`: `month | quarter | year | none`, default `quarter`: the top `hubsPerWindow`
 *   (default 5) accounts by PageRank of each window's own network.
 * - `seed`: Louvain's random seed, default 1 (same seed, same communities).
 *
 * Communities are numbered by size, largest first.
 *
 * @example await commsNetwork(store, { from: '2015-01', to: '2016-05' }, { kinds: ['retweet'] })
 */
export async function commsNetwork(
  store: Store,
  filter: CommsFilter,
  options: CommsNetworkOptions = {},
): Promise<CommsNetworkResult> {
  const opts = parseOptions('comms network', CommsNetworkOptionsSchema, options);
  const kinds = opts.kinds ?? [...EDGE_KINDS];
  const top = opts.top ?? 20;
  const hubWindow = opts.hubWindow ?? 'quarter';
  const perWindow = opts.hubsPerWindow ?? 5;
  const { window } = await commsWindow(store, filter);
  const f = sqlFilter(filter);
  const { edges, documents } = await edgeRows(store, f, kinds, null);

  const m = measureGraph(edges);
  const { community, modularity } = communities(edges, opts.seed ?? 1);
  const bySize = new Map<number, string[]>();
  for (const [node, c] of community) {
    const members = bySize.get(c);
    if (members) members.push(node);
    else bySize.set(c, [node]);
  }
  const pr = (n: string) => m.pagerank.get(n) ?? 0;
  const byRank = (a: string, b: string) => pr(b) - pr(a) || (a < b ? -1 : 1);
  const ordered = [...bySize.entries()]
    .map(([c, members]) => ({ c, members: members.sort(byRank) }))
    .sort((a, b) => b.members.length - a.members.length || byRank(a.members[0]!, b.members[0]!));
  const renumber = new Map(ordered.map((o, i) => [o.c, i]));

  const ranked = [...m.nodes].sort(byRank);
  const topNodes: NetworkNode[] = ranked.slice(0, top).map((node, i) => ({
    rank: i + 1,
    node,
    pagerank: pr(node),
    in_degree: m.inDegree.get(node) ?? 0,
    out_degree: m.outDegree.get(node) ?? 0,
    weighted_in: m.weightedIn.get(node) ?? 0,
    community: renumber.get(community.get(node) ?? -1) ?? 0,
  }));
  const byKind: Record<string, number> = Object.fromEntries(kinds.map((k) => [k, 0]));
  for (const e of edges) byKind[e.kind] = (byKind[e.kind] ?? 0) + e.weight;

  const windows: CommsNetworkResult['windows'] = [];
  if (hubWindow !== 'none') {
    const timed = await edgeRows(store, f, kinds, hubWindow);
    const periods = new Map<string, typeof timed.edges>();
    for (const e of timed.edges) {
      const list = periods.get(e.period ?? '');
      if (list) list.push(e);
      else periods.set(e.period ?? '', [e]);
    }
    for (const [period, es] of [...periods.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const w = measureGraph(es);
      const hubs = [...w.nodes]
        .sort((a, b) => (w.pagerank.get(b) ?? 0) - (w.pagerank.get(a) ?? 0) || (a < b ? -1 : 1))
        .slice(0, perWindow)
        .map((node) => ({ node, pagerank: w.pagerank.get(node) ?? 0 }));
      windows.push({
        period,
        edges: new Set(es.map((e) => `${e.source}\u0000${e.target}`)).size,
        hubs,
      });
    }
  }

  return {
    analysis: 'comms_network',
    filter,
    window,
    kinds,
    n_documents: documents,
    nodes: m.nodes.length,
    edges: new Set(edges.map((e) => `${e.source}\u0000${e.target}`)).size,
    interactions: edges.reduce((a, e) => a + e.weight, 0),
    by_kind: byKind,
    top: topNodes,
    communities: ordered.slice(0, top).map((o, i) => ({
      id: i,
      size: o.members.length,
      top_nodes: o.members.slice(0, 5),
    })),
    modularity,
    hub_window: hubWindow,
    windows,
  };
}
