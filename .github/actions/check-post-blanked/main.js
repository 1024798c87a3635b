// Nothing to do yet: the check is the post step (post.js), which runs at the end of the job.
process.stdout.write("At the end of the job, after the root action's post step, post.js checks that the credentials are blank.\n");
