/**
 * What the load generator process is asked to run (written as JSON to a file it reads), and what it
 * answers. The generator is autocannon in a child process of its own, so its CPU time is its own.
 */
export interface LoadStep {
  method: 'GET' | 'POST';
  /** `{id}` is replaced by the `id` of the flow's previous answer (a 2xx JSON body). */
  path: string;
  /** A JSON body; `bodies` (one a flow) when this is the flow's first step and the spec has them. */
  body?: string;
  /** `next`: each flow takes the next token of `tokens`; `flow`: the token its first step took; `fixed`: `token`. */
  auth?: 'next' | 'flow' | 'fixed';
}

export interface LoadSpec {
  url: string;
  connections: number;
  /** Requests in all (autocannon's `amount`), or else seconds. */
  amount?: number;
  seconds?: number;
  /** One flow: the steps each connection sends in turn; a non-2xx answer ends the flow early. */
  steps: LoadStep[];
  tokens?: string[];
  token?: string;
  bodies?: string[];
  /**
   * Flows whose length is not known beforehand (a paid flow is one to three requests): give a large
   * `amount`; connections left without a token poll /api/health until the last flow ends, then the
   * run stops. Those polls are counted apart (`fillers`), not in the figures but in the latency.
   */
  stopWhenTokensUsed?: boolean;
  /** Tally each answer by status and this field of its JSON body (`error.code` or `result`). */
  tally?: 'error.code' | 'result';
}

export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: Latency;
  /** The generator's CPU time over the wall time of the run: 1 is one core. */
  clientCpu: number;
  statuses: Record<string, number>;
  /** `status field-value` -> count, when the spec asks for a tally. */
  tally: Record<string, number>;
  /** Connection errors and timeouts: a figure with any is suspect. */
  errors: number;
  /** Flows whose last step answered 2xx, and the milliseconds from start to the last of them. */
  completedFlows: number;
  lastCompletionMs: number;
  bytesRead: number;
  fillers: number;
}
