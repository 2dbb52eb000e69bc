/**
 * What Session Manager needs from the network of a managed instance, as AWS documents it.
 *
 * Source: AWS Systems Manager User Guide, "Complete Session Manager prerequisites" and "Improve the
 * security of EC2 instances by using VPC endpoints for Systems Manager"
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html), and the AWS
 * Cloud Operations blog "Automated configuration of Session Manager without an internet gateway"
 * (https://aws.amazon.com/blogs/mt/automated-configuration-of-session-manager-without-an-internet-gateway/):
 * the SSM agent dials out over HTTPS to the `ssm`, `ssmmessages` and `ec2messages` endpoints of its
 * region; no inbound port and no public IP are needed. The route out is either the internet (a NAT
 * gateway for a private subnet) or one interface VPC endpoint per service.
 */
export const SESSION_MANAGER = {
    /** The only port the agent dials out on (HTTPS). */
    port: 443,
    /**
     * The services the agent reaches, as the last part of `com.amazonaws.<region>.<service>`.
     * `ec2messages` is no longer used by SSM Agent 3.3.40.0 and later (the user guide's endpoint
     * list, as quoted by https://dev.classmethod.jp/articles/vpcendpoint-ec2messages-not-required),
     * but an older agent still needs it, so an endpoint-only design keeps all three.
     */
    endpointServices: ["ssm", "ssmmessages", "ec2messages"],
    /** Where these facts come from. */
    source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html",
} as const;
