/** web-identity-token-file's reader (adapters/token-file.ts): why a file could not be used; nothing was sent to AWS. */
export const tokenFileRefusals = {
  noWorkspace: (given: string) =>
    `web-identity-token-file ${given}: a relative path needs GITHUB_WORKSPACE, which is not set; give the absolute path`,
  outsideWorkspace: (given: string) =>
    `web-identity-token-file ${given}: the file (symbolic links resolved) is outside the workspace, and this action reads nothing outside it; on EKS, copy the token in a step before (install -m 600 "$AWS_WEB_IDENTITY_TOKEN_FILE" web-identity-token) and give that path`,
  unreadable: (given: string, code: string) =>
    `web-identity-token-file ${given}: the file cannot be read (${code}); check the path and that this job's user may read it`,
  notAFile: (given: string) => `web-identity-token-file ${given}: not a regular file`,
  tooLarge: (given: string, max: number) =>
    `web-identity-token-file ${given}: larger than ${max} bytes, the most STS takes as a web identity token; is it the token file?`,
  notAToken: (given: string) =>
    `web-identity-token-file ${given}: the file does not hold a JSON web token (three base64url parts separated by dots)`,
} as const;
