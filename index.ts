// The entry point `pulumi up` runs: load the stack's config, build the platform, export outputs.
import { Platform } from "./components/platform";
import { loadStackConfig } from "./stacks";

const config = loadStackConfig();
const platform = new Platform(config.namePrefix, { config });

/** The VPC id of the stack. */
export const vpcId = platform.network.vpcId;
/** Public subnet ids, one per AZ. */
export const publicSubnetIds = platform.network.publicSubnetIds;
/** Private subnet ids (ECS tasks), one per AZ. */
export const privateSubnetIds = platform.network.privateSubnetIds;
/** Isolated subnet ids (RDS, ElastiCache), one per AZ. */
export const isolatedSubnetIds = platform.network.isolatedSubnetIds;
