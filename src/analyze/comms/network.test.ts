import { describe, expect, it } from 'vitest';
import { communities, measureGraph } from './graph.js';
import { commsNetwork } from './network.js';
import { storeWithDocs } from './test-docs.js';

describe('network measures', () => {
  it('ranks a small known graph by PageRank: the hub, then the one it points to', () => {
    // b, c and d point at a; a points back at b only.
    const m = measureGraph([
      { source: 'b', target: 'a', weight: 1 },
      { source: 'c', target: 'a', weight: 1 },
      { source: 'd', target: 'a', weight: 1 },
      { source: 'a', target: 'b', weight: 1 },
    ]);
    const ranked = [...m.nodes].sort(
      (x, y) => m.pagerank.get(y)! - m.pagerank.get(x)! || (x < y ? -1 : 1),
    );
    expect(ranked).toEqual(['a', 'b', 'c', 'd']);
    expect([...m.pagerank.values()].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    expect(m.pagerank.get('c')).toBeCloseTo(m.pagerank.get('d')!, 12);
    expect(m.inDegree.get('a')).toBe(3);
    expect(m.outDegree.get('a')).toBe(1);
  });

  it('finds two communities joined by one weak tie, the same for the same seed', () => {
    const clique = (p: string) =>
      ['1', '2', '3', '4'].flatMap((x) =>
        ['1', '2', '3', '4']
          .filter((y) => y !== x)
          .map((y) => ({ source: p + x, target: p + y, weight: 3 })),
      );
    const edges = [...clique('a'), ...clique('b'), { source: 'a1', target: 'b1', weight: 1 }];
    const one = communities(edges, 7);
    expect(new Set(one.community.values()).size).toBe(2);
    expect(one.community.get('a2')).toBe(one.community.get('a4'));
    expect(one.community.get('a2')).not.toBe(one.community.get('b2'));
    expect(communities(edges, 7)).toEqual(one);
  });
});

describe('commsNetwork', () => {
  it('builds retweet, mention and forward edges from documents and ranks the hub first', async () => {
    const store = await storeWithDocs([
      {
        id: 't1',
        source: 'twitter',
        channel: 'Fan_A',
        published: '2016-01-02',
        forwarded_from: 'Hub',
        text: 'RT @Hub: statement from the front @reporter',
      },
      {
        id: 't2',
        source: 'twitter',
        channel: 'fan_b',
        published: '2016-01-03',
        forwarded_from: 'hub',
        text: 'RT @hub: statement from the front',
      },
      {
        id: 't3',
        source: 'twitter',
        channel: 'fan_c',
        published: '2016-04-03',
        text: 'listen to @HUB and @hub again, mail me at x@hub.example',
      },
      {
        id: 'g1',
        source: 'telegram',
        channel: 'Nashir',
        published: '2016-04-04',
        forwarded_from: 'Hub',
        text: 'forwarded post',
      },
      {
        id: 't4',
        source: 'twitter',
        channel: 'hub',
        published: '2016-04-05',
        text: 'talking to myself @hub',
      },
    ]);
    try {
      const r = await commsNetwork(store, {}, { hubWindow: 'quarter', hubsPerWindow: 1 });
      expect(r.by_kind).toEqual({ mention: 2, retweet: 2, forward: 1 });
      expect(r).toMatchObject({ n_documents: 4, nodes: 6, edges: 5, interactions: 5 });
      expect(r.top[0]).toMatchObject({ rank: 1, node: 'hub', in_degree: 4, weighted_in: 4 });
      expect(r.windows.map((w) => [w.period, w.hubs[0]!.node])).toEqual([
        ['2016-01', 'hub'],
        ['2016-04', 'hub'],
      ]);
      const retweets = await commsNetwork(store, {}, { kinds: ['retweet'], hubWindow: 'none' });
      expect(retweets).toMatchObject({ interactions: 2, nodes: 3, windows: [] });
    } finally {
      store.close();
    }
  });
});
