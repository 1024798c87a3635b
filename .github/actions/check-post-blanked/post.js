// Runs after the root action's post step (registered before it). That step writes these names as
// empty strings to GITHUB_ENV; the runner hands later post steps the result. Present and empty
// proves it ran: on GitHub's ubuntu runners none of them exists before the action.
const BLANKED = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];
const wrong = BLANKED.filter((name) => process.env[name] !== '');
if (wrong.length > 0) {
  const what = wrong.map((name) => `${name} ${name in process.env ? 'is not empty' : 'is not set'}`).join(', ');
  process.stdout.write(`::error title=Post step check::after the root action's post step, ${what}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`The root action's post step blanked ${BLANKED.join(', ')}.\n`);
}
