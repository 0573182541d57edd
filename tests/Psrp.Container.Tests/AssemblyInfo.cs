// One dockerd, two shared cores, and tests that set DOCKER_* environment variables: run sequentially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
