// @ts-check
/**
 * A loopback GitHub Actions-secrets API (repository and environment secrets) that holds a real
 * libsodium key pair per place and OPENS every sealed box it receives, so a test can check that the
 * stored pair is exactly what IAM issued. Every answer carries a `Date` from its clock. Faults per
 * call: an error status (with headers), with or without the write landing first (a lost answer),
 * an answer that never comes (and a write that lands later still), a redirect, a trickled body.
 */
import http from 'node:http';
import sodium from 'libsodium-wrappers';
import { faultOf, takeFault } from './github-secret-faults.js';
import { iso, storeSecretIn } from './sealed-secrets.js';

/**
 * @typedef {import('./sealed-secrets.js').SecretRecord} SecretRecord
 * @typedef {import('./github-secret-faults.js').GitHubFault} GitHubFault
 *
 * @typedef {object} FakeGitHubSecrets
 * @property {string} url the API base, for GITHUB_API_URL
 * @property {string} token the one token it accepts
 * @property {() => Promise<void>} close
 * @property {(place: string, name: string, value: string, at?: Date) => void} seed a secret written "earlier" (at: when; default now) (place: OWNER/REPO or OWNER/REPO:ENV)
 * @property {(place: string) => Map<string, SecretRecord>} secrets the opened secrets of a place (names upper-case)
 * @property {(fault: import('./github-secret-faults.js').FaultSpec) => void} injectFault
 * @property {Array<{ method: string, path: string, status: number | undefined }>} requests
 * @property {(method: string, path: string) => void} [onRequest]
 */

/**
 * @param {{ now?: () => Date, token?: string, repositories?: string[] }} [options]
 *   repositories: OWNER/REPO and OWNER/REPO:ENV places that exist (others answer 404)
 * @returns {Promise<FakeGitHubSecrets>}
 */
export async function startFakeGitHubSecrets(options = {}) {
  await sodium.ready;
  const now = options.now ?? (() => new Date());
  const token = options.token ?? 'ghp_fakeTokenForTheLoopbackSecretsApi0001';
  /** @type {Map<string, { keyPair: { publicKey: Uint8Array, privateKey: Uint8Array }, keyId: string, secrets: Map<string, SecretRecord> }>} */
  const places = new Map();
  for (const place of options.repositories ?? []) addPlace(place);
  /** @type {GitHubFault[]} */
  const faults = [];
  /** @type {FakeGitHubSecrets['requests']} */
  const requests = [];
  /** @type {Set<http.ServerResponse>} */
  const hanging = new Set();
  /** Writes that land late: applied once the fake clock reaches `at`. @type {Array<{ at: number, apply: () => void }>} */
  const late = [];
  const landLateWrites = () => {
    for (const write of late.filter((w) => w.at <= now().getTime())) {
      late.splice(late.indexOf(write), 1);
      write.apply();
    }
  };

  /** @param {string} place */
  function addPlace(place) {
    const existing = places.get(place);
    if (existing) return existing;
    const created = { keyPair: sodium.crypto_box_keypair(), keyId: String(1000 + places.size), secrets: new Map() };
    places.set(place, created);
    return created;
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `fake bug: ${error}` }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  /** @type {FakeGitHubSecrets} */
  const fake = {
    url: `http://127.0.0.1:${address.port}`,
    token,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
    seed: (place, name, value, at = now()) => {
      addPlace(place).secrets.set(name.toUpperCase(), { value, createdAt: at, updatedAt: at });
    },
    secrets: (place) => {
      landLateWrites();
      return places.get(place)?.secrets ?? new Map();
    },
    injectFault: (spec) => {
      faults.push(faultOf(spec));
    },
    requests,
  };
  return fake;

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handle(req, res) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    landLateWrites();
    const url = new URL(req.url ?? '/', fake.url);
    const method = req.method ?? 'GET';
    /** @type {{ method: string, path: string, status: number | undefined }} */
    const record = { method, path: url.pathname, status: undefined };
    requests.push(record);
    fake.onRequest?.(method, url.pathname);
    /** @param {number} status @param {unknown} [json] @param {Record<string, string>} [headers] */
    const send = (status, json, headers = {}) => {
      record.status = status;
      // GitHub's clock, as a client judging times by GitHub's answers sees it.
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', date: now().toUTCString(), ...headers });
      res.end(json === undefined ? '' : JSON.stringify(json));
    };
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `Bearer ${token}`) return send(401, { message: 'Bad credentials' });

    const match = /^\/repos\/([^/]+)\/([^/]+)(?:\/environments\/([^/]+))?\/(?:actions\/)?secrets(?:\/([^/]+))?$/.exec(url.pathname);
    const isEnvironment = match?.[3] !== undefined;
    if (!match || (isEnvironment && url.pathname.includes('/actions/')) || (!isEnvironment && !url.pathname.includes('/actions/')))
      return send(404, { message: 'Not Found' });
    const place = `${match[1]}/${match[2]}${isEnvironment ? `:${decodeURIComponent(match[3] ?? '')}` : ''}`;
    const state = places.get(place);
    if (!state) return send(404, { message: 'Not Found' });
    const name = match[4] === undefined ? undefined : decodeURIComponent(match[4]);

    const fault = takeFault(faults, method, name);
    if (fault?.redirectTo) {
      record.status = fault.status;
      res.writeHead(fault.status, { location: fault.redirectTo, date: now().toUTCString() });
      return void res.end();
    }
    if (fault?.hang || fault?.trickle) {
      hanging.add(res);
      if (fault.trickle) {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', date: now().toUTCString() });
        res.write('{"key_id":"');
      }
      if (fault.landAfterMs !== undefined && method === 'PUT' && name !== undefined)
        late.push({ at: now().getTime() + fault.landAfterMs, apply: () => storeSecretIn(state, name, body, now()) });
      return;
    }
    if (fault && !fault.landed) {
      if (fault.status === 0) return void req.socket.destroy();
      // echoAuthorization: a hostile or buggy API that quotes the request's token back in its error.
      return send(
        fault.status,
        { message: fault.echoAuthorization ? `injected fault for ${req.headers.authorization ?? ''}` : 'injected fault' },
        fault.headers,
      );
    }

    if (method === 'GET' && name === 'public-key') {
      return send(200, { key_id: state.keyId, key: sodium.to_base64(state.keyPair.publicKey, sodium.base64_variants.ORIGINAL) });
    }
    if (method === 'GET' && name === undefined) {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = [...state.secrets.entries()].sort(([a], [b]) => a.localeCompare(b));
      const shown = all.slice((page - 1) * perPage, page * perPage).map(([secretName, secret]) => ({
        name: secretName,
        created_at: iso(secret.createdAt),
        updated_at: iso(secret.updatedAt),
      }));
      return send(200, { total_count: all.length, secrets: shown });
    }
    if (method === 'PUT' && name !== undefined) {
      const existing = storeSecretIn(state, name, body, now());
      if (existing === false) return send(422, { message: 'Bad request: key_id does not match' });
      if (fault) return fault.status === 0 ? void req.socket.destroy() : send(fault.status, { message: 'injected fault after the write' });
      return send(existing ? 204 : 201, existing ? undefined : {});
    }
    return send(404, { message: 'Not Found' });
  }
}
