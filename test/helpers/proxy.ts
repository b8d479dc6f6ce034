/**
 * A deliberately dumb round-robin HTTP reverse proxy for the e2e harness: the load balancer a
 * stateless MCP server must survive. Each incoming request goes to the next upstream in turn —
 * no stickiness, no health checks, no retries. If the upstream cannot be reached (or fails
 * before sending its response head) the proxy answers 502 itself. Request and response bodies
 * are streamed, so SSE responses pass through unbuffered. Loopback only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` on a free loopback port: its URL and a close that also drops kept-alive connections. */
export async function listenLoopback(server: http.Server): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}`, port, close };
}

export interface ProxyHit {
  /** Index of the upstream the request was sent to. */
  upstream: number;
  method: string;
  path: string;
  /** Status sent to the client (502 when the upstream failed). */
  status: number;
  /** Set when the upstream connection failed. */
  error?: string;
}

export interface RoundRobinProxy {
  /** Base URL of the proxy, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  /** Every proxied request, in arrival order. */
  hits: ProxyHit[];
  close(): Promise<void>;
}

/** Headers that apply to one connection only and must not be forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardable(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

/**
 * Starts the proxy on 127.0.0.1 (ephemeral port) in front of `upstreams` (base URLs such as
 * `http://127.0.0.1:40001`). The request path is appended to the upstream's base URL.
 */
export async function startRoundRobinProxy(upstreams: string[], options: { upstreamTimeoutMs?: number } = {}): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error('startRoundRobinProxy: no upstreams');
  const targets = upstreams.map((u) => {
    const url = new URL(u);
    if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      throw new Error(`startRoundRobinProxy: upstream must be a loopback http URL, got ${u}`);
    }
    return url;
  });
  const timeoutMs = options.upstreamTimeoutMs ?? 15_000;
  const hits: ProxyHit[] = [];
  let next = 0;

  const server = http.createServer((req, res) => {
    const index = next++ % targets.length;
    const target = targets[index];
    const hit: ProxyHit = { upstream: index, method: req.method ?? 'GET', path: req.url ?? '/', status: 0 };
    hits.push(hit);
    // One request per client connection: no idle keep-alive socket can race a later request.
    res.setHeader('connection', 'close');

    const headers = forwardable(req.headers);
    headers.host = target.host;
    const upstreamReq = http.request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers,
      agent: false, // a fresh connection per request: nothing pooled survives a killed instance
      timeout: timeoutMs,
    });

    const fail = (error: Error) => {
      hit.error ??= `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`.trim();
      if (!res.headersSent) {
        hit.status = 502;
        const body = JSON.stringify({ error: 'Bad Gateway', upstream: index, detail: hit.error });
        res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } else {
        res.destroy(error); // mid-stream failure: the client sees a broken response
      }
    };

    upstreamReq.on('timeout', () => upstreamReq.destroy(new Error(`upstream timed out after ${timeoutMs} ms`)));
    upstreamReq.on('error', fail);
    upstreamReq.on('response', (upstreamRes) => {
      hit.status = upstreamRes.statusCode ?? 502;
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, forwardable(upstreamRes.headers));
      res.flushHeaders(); // SSE: the client must see the head before the first event
      upstreamRes.on('error', fail);
      upstreamRes.pipe(res);
    });

    // The client went away (or the response finished): drop the upstream exchange too.
    res.on('close', () => {
      if (!res.writableFinished) upstreamReq.destroy();
    });
    req.on('error', () => upstreamReq.destroy());
    req.pipe(upstreamReq);
  });
  server.keepAliveTimeout = 1_000;

  return { ...(await listenLoopback(server)), hits };
}
