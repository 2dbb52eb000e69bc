import { Rule } from "../lib/rule";
import { iamRolesBounded } from "./iam/boundaries";
import { iamRolePolicyConflicts } from "./iam/conflicts";
import { iamSecretsAndKeysScoped } from "./iam/secrets";
import { iamTaskRolePerGuide } from "./iam/task-roles";
import { iamTrustEcsTasksOnly } from "./iam/trust";
import { iamNoWildcards } from "./iam/wildcards";

/**
 * The IAM rules of security-rules.md (section IAM), in its table order. One file per concern under
 * iam/: wildcards (least privilege), task-roles (the guide's task-role grants), trust (who may
 * assume the containers' roles), secrets (secret and key reads), conflicts (inline against
 * standalone policy management), boundaries (every role carries the stack's permissions boundary). Which policy reaches which role, and which roles task definitions
 * use, is read by lib/relations/iam-graph.ts, which other families can share.
 */
export const iamRules: readonly Rule[] = [
    iamNoWildcards,
    iamTaskRolePerGuide,
    iamTrustEcsTasksOnly,
    iamSecretsAndKeysScoped,
    iamRolePolicyConflicts,
    iamRolesBounded,
];
