import { closeSync, readFileSync, writeSync } from 'node:fs';
import { listenOnLoopback } from '../adapters/credentials-listener.js';
import { isAlive } from '../adapters/credentials-server-process.js';
import { systemClock } from '../adapters/system-clock.js';
import { parseServerConfig } from '../credentials-server/server-config.js';
import type { ServedSession } from '../credentials-server/credentials-request.js';
import { serveCredentials } from '../credentials-server/serve.js';
import { NONCE_MARK_FLAG } from '../shared/credentials-server-config.js';
import { serverLog } from '../shared/messages/credentials-server.js';
import { redact } from '../shared/redact.js';

/**
 * The credentials server refresh-credentials starts: the config from stdin (the main step's pipe),
 * `listening PORT` on fd 3, the log on stdout (a file under RUNNER_TEMP). Wired here, decided in
 * src/credentials-server/.
 */
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
const mark = (process.argv.find((arg) => arg.startsWith(NONCE_MARK_FLAG)) ?? '').slice(NONCE_MARK_FLAG.length);
const config = parseServerConfig(readFileSync(0, 'utf8'), mark);
if (typeof config === 'string') {
  log(serverLog.badConfig(config));
  process.exit(2);
}
const { secrets } = config;
const clean = (line: string) => log(redact(line, secrets));
process.on('SIGTERM', () => process.exit(0));
// The STS client and the SDK load after the port is reported, so the main step returns sooner.
let refresher: Promise<() => Promise<ServedSession>> | undefined;
const refresh = async () => {
  refresher ??= import('../adapters/sts-refresher.js').then(({ refresherFor }) =>
    refresherFor(config, {
      clock: systemClock,
      mask: (value) => void (secrets.includes(value) || secrets.push(value)),
      log: clean,
      secrets,
    }),
  );
  return (await refresher)();
};
serveCredentials(config, {
  clock: systemClock,
  listen: listenOnLoopback,
  ready: (port) => {
    writeSync(3, `listening ${port}\n`);
    closeSync(3);
  },
  refresh,
  parentAlive: () => isAlive(config.parentPid),
  log,
}).then(
  () => process.exit(0),
  (error: unknown) => {
    clean(serverLog.badConfig(error instanceof Error ? error.message : 'unexpected failure'));
    process.exit(1);
  },
);
