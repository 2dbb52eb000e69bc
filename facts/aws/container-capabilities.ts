/**
 * Linux capabilities in ECS task definitions, as AWS and Docker document them.
 *
 * Sources: Amazon ECS API Reference, KernelCapabilities
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html): `drop`
 * removes capabilities from Docker's default set, `drop: ["ALL"]` keeps only those in `add`, and
 * "tasks launched on AWS Fargate only support adding the SYS_PTRACE kernel capability"; Docker's
 * run reference, "Runtime privilege and Linux capabilities"
 * (https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities): the
 * capabilities a container keeps by default.
 */
export const CONTAINER_CAPABILITIES = {
    /** Docker's default capability set: what a root process in a container holds unless dropped. */
    dockerDefaults: [
        "AUDIT_WRITE",
        "CHOWN",
        "DAC_OVERRIDE",
        "FOWNER",
        "FSETID",
        "KILL",
        "MKNOD",
        "NET_BIND_SERVICE",
        "NET_RAW",
        "SETFCAP",
        "SETGID",
        "SETPCAP",
        "SETUID",
        "SYS_CHROOT",
    ],
    /** The only capability Fargate lets a task add: dropping ALL and adding back is refused there. */
    fargateAddable: ["SYS_PTRACE"],
    /** Where these facts come from. */
    source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html",
} as const;
