// Stand-in for @actions/exec inside the main and post bundles (see README.md here).
const unused = () => {
  throw new Error('assume-deploy-role does not bundle @actions/exec: core.platform.getDetails() is unavailable');
};
export const exec = unused;
export const getExecOutput = unused;
