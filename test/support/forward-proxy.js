// @ts-check
/**
 * A loopback forward proxy, as a corporate one behaves: absolute-URI requests for http targets
 * (`POST http://host:port/ HTTP/1.1`) forwarded as they are, and `CONNECT host:port` tunnels for
 * https targets (the TLS inside is end to end, the proxy sees only bytes). It records what went
 * through (method, target, whether a Proxy-Authorization header came, never its value), and with
 * `credentials` it answers 407 to requests without the right Basic credentials.
 */
import http from 'node:http';
import net from 'node:net';

/**
 * @typedef {{ method: string, target: string, authorized: boolean | undefined }} ProxiedRequest
 * @param {{ credentials?: { user: string, password: string } }} [options]
 * @returns {Promise<{ url: string, port: number, requests: ProxiedRequest[], close(): Promise<void> }>}
 */
export async function startForwardProxy(options = {}) {
  /** @type {ProxiedRequest[]} */
  const requests = [];
  const expected =
    options.credentials && `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`;
  /** @param {http.IncomingMessage} request */
  const authorized = (request) => (expected === undefined ? undefined : request.headers['proxy-authorization'] === expected);
  /** @type {Set<net.Socket>} */
  const sockets = new Set();

  const server = http.createServer((request, response) => {
    const target = request.url ?? '';
    const ok = authorized(request);
    requests.push({ method: request.method ?? '', target, authorized: ok });
    if (ok === false) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    if (!/^http:\/\//.test(target)) {
      response.writeHead(400).end('absolute-URI requests only');
      return;
    }
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request(target, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on('connect', (request, client, head) => {
    const target = request.url ?? '';
    const ok = authorized(request);
    requests.push({ method: 'CONNECT', target, authorized: ok });
    if (ok === false) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n');
      return;
    }
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = net.connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * A TLS front for a plain-http loopback server (the AWS test server), with the certificate given:
 * bytes are passed through, so signatures over the Host header still verify.
 * @param {number} targetPort
 * @param {{ key: string, cert: string }} tlsOptions
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startTlsFront(targetPort, tlsOptions) {
  const tls = await import('node:tls');
  /** @type {Set<net.Socket>} */
  const sockets = new Set();
  const server = tls.createServer(tlsOptions, (secure) => {
    const plain = net.connect(targetPort, '127.0.0.1');
    for (const socket of [secure, plain]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    secure.pipe(plain).pipe(secure);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  return {
    url: `https://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * A throwaway certificate (for `localhost` and 127.0.0.1, or the names given) and a CA file that
 * trusts it, for a step's NODE_EXTRA_CA_CERTS; `remove()` deletes the file's folder.
 * @param {string[]} [names]
 * @returns {Promise<{ key: string, cert: string, caFile: string, remove(): Promise<void> }>}
 */
export async function throwawayCertificate(names = ['localhost']) {
  const [{ default: selfsigned }, { mkdtemp, rm, writeFile }, { tmpdir }, path] = await Promise.all([
    import('selfsigned'),
    import('node:fs/promises'),
    import('node:os'),
    import('node:path'),
  ]);
  /** @type {Array<{ type: 2, value: string } | { type: 7, ip: string }>} */
  const altNames = names.map((value) => ({ type: /** @type {const} */ (2), value }));
  if (names.includes('localhost')) altNames.push({ type: 7, ip: '127.0.0.1' });
  const pems = await selfsigned.generate([{ name: 'commonName', value: names[0] ?? 'localhost' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames }],
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'proxy-cert-'));
  const caFile = path.join(dir, 'ca.pem');
  await writeFile(caFile, pems.cert);
  return { key: pems.private, cert: pems.cert, caFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
