/**
 * The shared half of the message catalogue: the texts of more than one feature, and of the adapters,
 * one file per area. A feature's own texts live beside it (src/assume-role/messages/,
 * src/key-age/messages/, src/rotation/messages/); src/entries/message-catalogue.ts lists both halves,
 * so a test can enumerate every entry (see __tests__/docs/troubleshooting-doc.test.ts) and a new
 * message cannot go unexplained.
 */
import * as actionLog from './action-log.js';
import * as awsFailures from './aws-failures.js';
import * as credentialsServer from './credentials-server.js';
import * as gitHubCalls from './github-calls.js';
import * as jobEnvironment from './job-environment.js';
import * as inputs from './inputs.js';
import * as proxy from './proxy.js';
import * as step from './step.js';
import * as tokenFile from './token-file.js';

export interface CatalogueEntry {
  area: string;
  /** `explainAssumeRoleFailure`, or `findingTexts.tooOld` for a member of a group of texts. */
  name: string;
}

export type MessageAreas = Record<string, Record<string, unknown>>;

export const SHARED_AREAS: MessageAreas = {
  'action-log': actionLog,
  'aws-failures': awsFailures,
  'credentials-server': credentialsServer,
  'github-calls': gitHubCalls,
  'job-environment': jobEnvironment,
  inputs,
  proxy,
  step,
  'token-file': tokenFile,
};

const isGroup = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each text of `areas` by area and name: a group of texts (an object) by each of its members. */
export const catalogueOf = (areas: MessageAreas): CatalogueEntry[] =>
  Object.entries(areas).flatMap(([area, exports]) =>
    Object.entries(exports).flatMap(([name, value]) =>
      isGroup(value)
        ? Object.keys(value).map((member) => ({ area, name: `${name}.${member}` }))
        : typeof value === 'function' || typeof value === 'string'
          ? [{ area, name }]
          : [],
    ),
  );
