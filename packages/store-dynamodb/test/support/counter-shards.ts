/**
 * The counter shards the DynamoDB suites run with: K = 1 (one counters item, as every small event
 * has) and K = 8 (every event sharded, however small, so shards run dry and rebalance all the time).
 * `COUNTER_SHARDS=8` runs one of them alone.
 */
export const COUNTER_SHARD_RUNS: number[] = process.env.COUNTER_SHARDS ? [Number(process.env.COUNTER_SHARDS)] : [1, 8];
