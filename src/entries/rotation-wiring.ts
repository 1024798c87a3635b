import { explainingCredentialErrors } from '../adapters/credential-chain.js';
import { createSecretStore } from '../adapters/github-secrets.js';
import { createKeyAdmin } from '../adapters/iam-key-admin.js';
import { createKeyProbe } from '../adapters/iam-key-probe.js';
import type { Io } from '../shared/io.js';
import { failureTexts } from '../rotation/messages/rotation.js';
import type { Secrets } from '../shared/secrets.js';
import { StepFailure } from '../shared/step-failure.js';
import type { RotationDeps } from '../rotation/ports.js';

/**
 * The real adapters for the rotation's run, shared by the command line and the rotate action: IAM
 * and STS signed with the SDK's default chain (its errors explained by `explainCredentials`), and
 * GitHub's secrets with the token `token` finds, masked before any call.
 */
export function rotationDeps(
  io: Io,
  region: string,
  token: () => Promise<string | undefined>,
  explainCredentials: (sdkSaid: string) => string,
) {
  return (secrets: Secrets): RotationDeps => ({
    keyAdmin: explainingCredentialErrors(createKeyAdmin(io, secrets, region), explainCredentials, secrets.values),
    keyProbe: createKeyProbe(io, secrets),
    secretStore: async (place) => {
      const found = await token();
      if (!found) throw new StepFailure(failureTexts.noToken);
      secrets.add(found);
      return createSecretStore({
        token: found,
        place,
        clock: io.clock,
        ...(io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
      });
    },
  });
}
