import { Rule } from "../lib/rule";
import { albEdgeProtection, albHttpsOnly } from "./compute/alb-edge";
import { ecsBlueGreenSwitches } from "./compute/blue-green";
import { ec2Rules } from "./compute/ec2";
import { ecsCapacityHoldsDeploys } from "./compute/ecs-capacity";
import { ecsAutoscaling, ecsServiceNetwork, ecsServiceResilience } from "./compute/ecs-services";
import { ecsTaskRolesSeparate } from "./compute/ecs-task-roles";
import {
    ecsAppFlagsPerEnvironment,
    ecsContainerLeastPrivilege,
    ecsNoHostAccessOrPrivilege,
    ecsObservability,
    ecsSecretsNotInEnvironment,
} from "./compute/ecs-tasks";
import { containerImagesPinned, ecrRepositoryHardening } from "./compute/images";
import { loadBalancerRules } from "./compute/load-balancer";

/**
 * The compute rules of security-rules.md, in its table order: EC2, load balancers, ECS, ECR and
 * Application Auto Scaling. One file per concern under compute/: ec2 (instances, launch templates,
 * Auto Scaling groups), alb-edge (TLS, headers and web ACL at the public edge), load-balancer (the
 * load balancers' own settings), ecs-services (network, resilience, autoscaling), ecs-capacity
 * (the EC2 hosts through a deploy), ecs-tasks (what task definitions and their containers
 * declare), ecs-task-roles, and images (ECR repositories, pinned images). The table interleaves
 * those concerns, so rules are listed one by one where it does. Helpers several files read are in
 * compute/shared.ts and compute/containers.ts.
 */
export const computeRules: readonly Rule[] = [
    ...ec2Rules,
    albHttpsOnly,
    ...loadBalancerRules,
    albEdgeProtection,
    ecsServiceNetwork,
    ecsObservability,
    ecsNoHostAccessOrPrivilege,
    ecsContainerLeastPrivilege,
    ecsSecretsNotInEnvironment,
    ecsAppFlagsPerEnvironment,
    ecsServiceResilience,
    ecsBlueGreenSwitches,
    ecsTaskRolesSeparate,
    ecrRepositoryHardening,
    containerImagesPinned,
    ecsAutoscaling,
    ecsCapacityHoldsDeploys,
];
