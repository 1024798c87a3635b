// @ts-check
/**
 * A loopback proxy that answers for the endpoint instead of tunnelling to it, as a hostile proxy
 * (or anyone on the plain-http path to an `http://` proxy) can. It never connects anywhere; each
 * CONNECT gets the next of `answers` (the last one repeats), acted out as `mode` says:
 * - `forge`: the CONNECT itself is answered with `connectStatus` (203 by default), the answer's
 *   headers and its body, as if that were the endpoint's answer;
 * - `plain`: `200 Connection Established`, then, to the first bytes the client sends (its TLS
 *   hello), the answer in plain HTTP instead of TLS;
 * - `other-name`: `200`, then TLS with `tls` (a certificate for another host name, which the
 *   test may even make trusted), and the answer to whatever request comes over it.
 * It records each CONNECT's target and whether a Proxy-Authorization header came (never its value).
 * `act(options)` changes mode, answers and certificate for the CONNECTs after it (a client that
 * fixed its proxy at start, such as @actions/github, can then meet every mode).
 */
import http from 'node:http';
import tls from 'node:tls';

/**
 * @typedef {import('./hostile-sts.js').HostileAnswer} HostileAnswer
 * @typedef {'forge' | 'plain' | 'other-name'} HostileProxyMode
 * @typedef {{ target: string, authorized: boolean }} ConnectRecord
 */

/**
 * Trusts `cert` as a CA for this process's TLS clients (Node 24's default CA store, which the
 * SDK and undici use), for a test that cannot set NODE_EXTRA_CA_CERTS; returns the undo.
 * @param {string} cert
 * @returns {() => void}
 */
export function trustInThisProcess(cert) {
  const store =
    /** @type {typeof tls & { getCACertificates(type: 'default'): string[], setDefaultCACertificates(certs: string[]): void }} */ (tls);
  const before = store.getCACertificates('default');
  store.setDefaultCACertificates([...before, cert]);
  return () => store.setDefaultCACertificates(before);
}

/** @param {HostileAnswer} answer @param {number} status */
function rawAnswer(answer, status) {
  const body = Buffer.from(answer.body);
  const headers = { ...answer.headers, 'content-length': String(body.length), connection: 'close' };
  const head = [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Whatever'}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]);
}

/**
 * Answers once a whole request has come (headers, and the body its Content-Length announces).
 * @param {import('node:net').Socket} socket
 * @param {Buffer} answer
 */
function answerRequest(socket, answer) {
  let received = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    received = Buffer.concat([received, chunk]);
    const end = received.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(received.subarray(0, end).toString('latin1'))?.[1] ?? 0);
    if (received.length >= end + 4 + length) socket.end(answer);
  });
}

/**
 * @typedef {{ mode: HostileProxyMode, answers: HostileAnswer[], connectStatus?: number, tls?: { key: string, cert: string } }} HostileProxyOptions
 * @param {HostileProxyOptions} options
 */
function checked(options) {
  if (options.answers.length === 0) throw new Error('startHostileProxy needs at least one answer');
  if (options.mode === 'other-name' && !options.tls) throw new Error('mode other-name needs tls: { key, cert }');
  return options;
}

/**
 * @param {HostileProxyOptions} initial
 * @returns {Promise<{ url: string, port: number, connects: ConnectRecord[], act(options: HostileProxyOptions): void, close(): Promise<void> }>}
 */
export async function startHostileProxy(initial) {
  let options = checked(initial);
  let served = 0;
  /** @type {ConnectRecord[]} */
  const connects = [];
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  /** @param {import('node:net').Socket} socket */
  const track = (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };

  const server = http.createServer((_request, response) => response.writeHead(400).end('CONNECT only'));
  server.on('connect', (request, duplex) => {
    const client = /** @type {import('node:net').Socket} */ (duplex);
    const { mode, answers, connectStatus = 203 } = options;
    connects.push({ target: request.url ?? '', authorized: request.headers['proxy-authorization'] !== undefined });
    served += 1;
    const answer = answers[Math.min(served, answers.length) - 1];
    if (!answer) throw new Error('unreachable: answers is not empty');
    track(client);
    if (mode === 'forge') {
      client.end(rawAnswer(answer, connectStatus));
      return;
    }
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (mode === 'plain') {
      client.once('data', () => client.end(rawAnswer(answer, answer.status)));
      return;
    }
    const secure = new tls.TLSSocket(client, { isServer: true, ...options.tls });
    track(secure);
    answerRequest(secure, rawAnswer(answer, answer.status));
  });
  server.on('connection', track);
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    act: (next) => {
      options = checked(next);
      served = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve(undefined));
      }),
  };
}
