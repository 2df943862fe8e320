/**
 * A small HTTP load generator for the benches: a fixed number of keep-alive connections, each
 * sending its next request as soon as the previous answer is read in full.
 */
import http from 'node:http';

export interface LoadResult {
  requests: number;
  /** Milliseconds, from the request written to the last byte of the answer read. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
  /** Answers per HTTP status, e.g. `{ 200: 250 }`. */
  statuses: Record<number, number>;
  /** Bytes of the last answer: tells a full page from an empty one. */
  lastBodyBytes: number;
  /** True when the time budget ran out before `requests` answers. */
  isCut: boolean;
}

export interface Answer {
  status: number;
  body: Buffer;
  ms: number;
}

/** One GET on a keep-alive agent; resolves when the whole body is read. */
export function get(
  agent: http.Agent,
  base: URL,
  path: string,
  headers: Record<string, string>,
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, base), { agent, headers, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks),
          ms: performance.now() - started,
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** The value below which `share` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

/**
 * Sends `warmup` requests (not counted), then `requests` more, over `connections` keep-alive
 * connections at once, and sums up their latencies and statuses. Each phase stops sending when
 * its time budget is spent (a page that takes seconds would otherwise take the bench hours).
 * @example await measure({ base, path: '/api/dashboard', headers: { cookie }, connections: 8, warmup: 20, requests: 200 })
 */
export async function measure(options: {
  base: URL;
  path: string;
  headers: Record<string, string>;
  connections?: number;
  warmup?: number;
  requests?: number;
  warmupSeconds?: number;
  maxSeconds?: number;
}): Promise<LoadResult> {
  const {
    base,
    path,
    headers,
    connections = 8,
    warmup = 20,
    requests = 200,
    warmupSeconds = 10,
    maxSeconds = 60,
  } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  try {
    const run = async (count: number, seconds: number) => {
      const latencies: number[] = [];
      const statuses: Record<number, number> = {};
      let issued = 0;
      let lastBodyBytes = 0;
      const started = performance.now();
      const deadline = started + seconds * 1000;
      const loop = async () => {
        while (issued < count && performance.now() < deadline) {
          issued++;
          const answer = await get(agent, base, path, headers);
          latencies.push(answer.ms);
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          lastBodyBytes = answer.body.length;
        }
      };
      await Promise.all(Array.from({ length: connections }, loop));
      return { latencies, statuses, lastBodyBytes, elapsedMs: performance.now() - started };
    };
    await run(warmup, warmupSeconds);
    const { latencies, statuses, lastBodyBytes, elapsedMs } = await run(requests, maxSeconds);
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? Number.NaN,
      requestsPerSecond: latencies.length / (elapsedMs / 1000),
      statuses,
      lastBodyBytes,
      isCut: latencies.length < requests,
    };
  } finally {
    agent.destroy();
  }
}
