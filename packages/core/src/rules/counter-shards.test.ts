import { describe, expect, it } from 'vitest';
import { counterShardsFor, placeShard, splitAcross, spreadTake, type ShardRoom } from './counter-shards.js';
import type { RoomNeeded } from './placement.js';

const order = (total: number, lines: RoomNeeded['lines'] = [{ ticketTypeId: 'tt_a', quantity: total, limited: false }]): RoomNeeded => ({ total, lines });
const rooms = (...lefts: number[]): ShardRoom[] => lefts.map((left) => ({ left, typeLeft: {} }));
const sequence = (...values: number[]) => () => values.shift() ?? 0;

describe('counterShardsFor', () => {
  it('gives a small event one shard and a large one a shard per 250 spots, at most 16', () => {
    expect([1, 499, 500, 1000, 4000, 4249, 100_000].map(counterShardsFor)).toEqual([1, 1, 2, 4, 16, 16, 16]);
  });
});

describe('splitAcross', () => {
  it('splits evenly, the first shards taking the remainder', () => {
    expect(splitAcross(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitAcross(2, 4)).toEqual([1, 1, 0, 0]);
  });
});

describe('spreadTake', () => {
  it('takes from the first shard, then the next ones in turn', () => {
    expect(spreadTake([1, 5, 2], 4, 2)).toEqual([1, 1, 2]);
  });

  it('puts what does not fit on the first shard, so its condition fails', () => {
    expect(spreadTake([1, 1], 5, 1)).toEqual([1, 4]);
  });
});

describe('placeShard', () => {
  it('tries only the shards that fit, a random one first', () => {
    const placement = placeShard(rooms(0, 3, 1, 5), order(2), sequence(0.99, 0));
    expect(placement).toEqual({ kind: 'shards', order: [1, 3] });
    expect(placeShard(rooms(0, 3, 1, 5), order(2), sequence(0, 0))).toEqual({ kind: 'shards', order: [3, 1] });
  });

  it('moves spots to the roomiest shard when the order fits the sum but no shard', () => {
    expect(placeShard(rooms(2, 3, 1, 0), order(5))).toEqual({
      kind: 'rebalance',
      target: 1,
      moves: [{ left: -1, typeLeft: {} }, { left: 2, typeLeft: {} }, { left: -1, typeLeft: {} }, { left: 0, typeLeft: {} }],
    });
  });

  it("moves a limited ticket type's share too", () => {
    const shards: ShardRoom[] = [{ left: 4, typeLeft: { tt_v: 1 } }, { left: 4, typeLeft: { tt_v: 1 } }];
    const placement = placeShard(shards, order(2, [{ ticketTypeId: 'tt_v', quantity: 2, limited: true }]));
    expect(placement).toEqual({ kind: 'rebalance', target: 0, moves: [{ left: 0, typeLeft: { tt_v: 1 } }, { left: 0, typeLeft: { tt_v: -1 } }] });
  });

  it('refuses when the shards together cannot fit the order', () => {
    expect(placeShard(rooms(2, 2), order(5))).toEqual({ kind: 'full' });
    const shards: ShardRoom[] = [{ left: 9, typeLeft: { tt_v: 1 } }, { left: 9, typeLeft: { tt_v: 0 } }];
    expect(placeShard(shards, order(2, [{ ticketTypeId: 'tt_v', quantity: 2, limited: true }]))).toEqual({ kind: 'full' });
  });
});
