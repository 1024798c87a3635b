import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the credentials server's decision reads it (src/credentials-server/credentials-request.ts). */
export interface ListenerRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

export interface ListenerAnswer {
  status: number;
  body: string;
}

export interface Listener {
  port: number;
  close(): Promise<void>;
}

/** Requests carry no body worth reading; anything larger is refused. */
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * An HTTP listener on 127.0.0.1 only, on a port the system picks, answering each request with
 * what `answer` decides. Nothing of a request is logged (its headers carry the token).
 */
export function listenOnLoopback(answer: (request: ListenerRequest) => ListenerAnswer): Promise<Listener> {
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    req.resume();
    const header = req.headers.authorization;
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const { status, body } = answer({ method: req.method ?? 'GET', path, authorization: Array.isArray(header) ? header[0] : header });
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 5000;
  server.requestTimeout = 10000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
