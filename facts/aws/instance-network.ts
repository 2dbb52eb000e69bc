/**
 * What an EC2 instance type offers the ECS tasks placed on it: vCPUs, memory, and the network
 * interfaces an `awsvpc` task needs one of. Pure data with its sources; nothing here imports the
 * program, the plan or the policy pack.
 *
 * @module
 */

/** Where a row's numbers come from. */
export interface FactSource {
    /** An AWS documentation page, or `owner/repo:path` of public provider or AWS source. */
    readonly url: string;
    /** What the page states that the row relies on. */
    readonly says: string;
}

/** One EC2 instance type as ECS capacity. */
export interface InstanceTypeFacts {
    /** Default vCPUs. ECS counts 1024 CPU units per vCPU (`ECS_CPU_UNITS_PER_VCPU`). */
    readonly vcpus: number;
    /**
     * Installed memory in MiB. The ECS agent registers less than this (kernel and platform
     * overhead, no fixed figure published), so a fit on this number is necessary, not sufficient.
     */
    readonly memoryMiB: number;
    /** Maximum network interfaces, the primary one included. */
    readonly maxNetworkInterfaces: number;
    /** Maximum private IPv4 addresses per network interface. */
    readonly ipv4PerInterface: number;
    /**
     * `awsvpc` tasks per container instance with the `awsvpcTrunking` account setting on, or
     * undefined when ECS does not support trunking on the type.
     */
    readonly trunkingTaskLimit?: number;
}

/** The vCPU and memory of general-purpose types: the EC2 instance-type specifications. */
const GENERAL_PURPOSE_SPECS: FactSource = {
    url: "https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html",
    says: "General purpose instance specifications: default vCPUs and memory (GiB) per instance type",
};

/** Network interfaces and IPv4 addresses per interface, by type. */
const IP_PER_ENI: FactSource = {
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AvailableIpPerENI.html",
    says: "Maximum IP addresses per network interface: network interfaces and IPv4 addresses per interface, by instance type (the same figures as aws/amazon-vpc-cni-k8s:pkg/vpc/vpc_ip_resource_limit.go, generated from EC2 DescribeInstanceTypes)",
};

/** ECS's list of types that support ENI trunking, with the task limits before and after. */
export const TRUNKING_SUPPORTED_TYPES: FactSource = {
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/eni-trunking-supported-instance-types.html",
    says: 'Supported Amazon EC2 instance types for awsvpcTrunking, with "Task limit without ENI trunking" and "Task limit with ENI trunking"; the General purpose table lists a1, m5*, m6* and later families and no t2/t3/t3a/t4g type (also awsdocs/amazon-ecs-developer-guide:doc_source/container-instance-eni.md)',
};

/**
 * The instance types the program may give ECS hosts: the t3 family (staging runs the guide's
 * t3.medium), and m5.large, the nearest general-purpose type that supports ENI trunking, for
 * comparison. A type missing here cannot be judged and is reported as such.
 */
export const INSTANCE_TYPES: Readonly<Record<string, InstanceTypeFacts>> = {
    "t3.nano": { vcpus: 2, memoryMiB: 512, maxNetworkInterfaces: 2, ipv4PerInterface: 2 },
    "t3.micro": { vcpus: 2, memoryMiB: 1024, maxNetworkInterfaces: 2, ipv4PerInterface: 2 },
    "t3.small": { vcpus: 2, memoryMiB: 2048, maxNetworkInterfaces: 3, ipv4PerInterface: 4 },
    "t3.medium": { vcpus: 2, memoryMiB: 4096, maxNetworkInterfaces: 3, ipv4PerInterface: 6 },
    "t3.large": { vcpus: 2, memoryMiB: 8192, maxNetworkInterfaces: 3, ipv4PerInterface: 12 },
    "t3.xlarge": { vcpus: 4, memoryMiB: 16384, maxNetworkInterfaces: 4, ipv4PerInterface: 15 },
    "t3.2xlarge": { vcpus: 8, memoryMiB: 32768, maxNetworkInterfaces: 4, ipv4PerInterface: 15 },
    "m5.large": { vcpus: 2, memoryMiB: 8192, maxNetworkInterfaces: 3, ipv4PerInterface: 10, trunkingTaskLimit: 10 },
};

/** The sources of `INSTANCE_TYPES`, column by column. */
export const INSTANCE_TYPE_SOURCES: Readonly<Record<"vcpusAndMemory" | "networkInterfaces" | "trunking", FactSource>> =
    {
        vcpusAndMemory: GENERAL_PURPOSE_SPECS,
        networkInterfaces: IP_PER_ENI,
        trunking: TRUNKING_SUPPORTED_TYPES,
    };
