/**
 * The deployment guide's only region: Staging Configuration and Production Configuration set
 * `AWS_REGION=ca-central-1`, the VPC's AZs and every ARN and endpoint of the guide are in it.
 */
export const GUIDE_REGION = "ca-central-1";
