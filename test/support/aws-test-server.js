// @ts-check
/**
 * `startAwsTestServer(options)`: a loopback STS + IAM endpoint that answers the AWS query protocol
 * the way AWS does. The server lives in aws-server/ (server.js wires world, auth, sts, iam, faults
 * and xml); what it models and what it does not: README.md beside this file.
 */
export { startAwsTestServer } from './aws-server/server.js';
