/**
 * How long ECS lets a container stop before it kills it: `docker stop` sends SIGTERM, then SIGKILL
 * once `stopTimeout` has passed. A queue worker must get longer than its longest job, or a deploy
 * or a scale-in kills jobs mid-way.
 */
export const CONTAINER_STOP_TIMEOUT = {
    /** Seconds ECS waits when `stopTimeout` is not set (Fargate, and EC2 without ECS_CONTAINER_STOP_TIMEOUT). */
    defaultSeconds: 30,
    /** The largest `stopTimeout` a Fargate task may set. */
    fargateMaxSeconds: 120,
    source:
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html (stopTimeout: " +
        '"For tasks that use the Fargate launch type, the max stop timeout value is 120 seconds and if the ' +
        'parameter is not specified, the default value of 30 seconds is used")',
} as const;
