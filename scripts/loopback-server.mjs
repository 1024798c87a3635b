// The loopback STS + IAM test server with the world of scripts/fixture.mjs (user sam-cli-user and
// its example key, role deploy that trusts it), for running the actions for real: in CI (the
// `runner` job of .github/workflows/ci.yml) or by hand (CONTRIBUTING.md). Start it in the
// background; it stops by itself after --minutes (default 10), or on SIGINT/SIGTERM.
//
//   node scripts/loopback-server.mjs [--minutes N] &
//
// Once listening it prints `listening on URL` to stderr and writes these variables to $GITHUB_ENV
// when set (the following steps get them), else to stdout as `export NAME='value'` lines:
//   AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_IAM   the server, for the actions and the AWS CLI
//   LOOPBACK_AWS_ACCESS_KEY_ID, LOOPBACK_AWS_SECRET_ACCESS_KEY, LOOPBACK_ROLE_ARN, LOOPBACK_AWS_REGION
//                                                the inputs the actions take (AWS's documented
//                                                example key, known only to this server)
// The user's key is 10 days old, so the key-age action reports ok with its default thresholds.
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { REGION, ROLE_ARN, USER_KEY, startWorld } from './fixture.mjs';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' } } });
if (!/^\d+$/.test(values.minutes) || Number(values.minutes) < 1) {
  console.error('--minutes takes a whole number of minutes, at least 1');
  process.exit(2);
}

const server = await startWorld({ keyAgeDays: 10 });
const variables = {
  AWS_ENDPOINT_URL_STS: server.url,
  AWS_ENDPOINT_URL_IAM: server.url,
  LOOPBACK_AWS_ACCESS_KEY_ID: USER_KEY.accessKeyId,
  LOOPBACK_AWS_SECRET_ACCESS_KEY: USER_KEY.secretAccessKey,
  LOOPBACK_ROLE_ARN: ROLE_ARN,
  LOOPBACK_AWS_REGION: REGION,
};
const envFile = process.env.GITHUB_ENV;
if (envFile) {
  appendFileSync(
    envFile,
    Object.entries(variables)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
} else {
  for (const [name, value] of Object.entries(variables)) console.log(`export ${name}='${value}'`);
}
console.error(
  `listening on ${server.url} for ${values.minutes} minute${values.minutes === '1' ? '' : 's'}${envFile ? `; variables written to ${envFile}` : ''}`,
);

const stop = async () => {
  await server.close();
  process.exit(0);
};
setTimeout(stop, Number(values.minutes) * 60 * 1000);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
