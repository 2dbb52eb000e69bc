import { ACCESS_PATHS } from "../../lib/access-paths";
import { Rule, stackRule } from "../../lib/rule";
import { redeployPathFindings } from "./redeploy";
import { servicePathFindings } from "./services";
import { taskPathFindings } from "./tasks";

/**
 * `access-paths-allowed`: every data path of policy/lib/access-paths.ts is allowed end to end. Each
 * message starts with the path's id and names the principal and the missing piece.
 */
export const accessPathsAllowed: Rule = stackRule({
    id: "access-paths-allowed",
    description: `Keeps every data path the platform relies on allowed end to end, since the mocks accept what AWS refuses (least privilege is judged by the IAM rules; this is sufficiency): the principal's IAM policy, the stack key's policy when the data is under it (service principals and service-linked roles named as AWS documents), the resource policy, and the interface endpoint's group and private DNS. Paths: ${ACCESS_PATHS.map((p) => p.id).join(", ")}.`,
    kind: "aws",
    check: (resources) => [
        ...taskPathFindings(resources),
        ...servicePathFindings(resources),
        ...redeployPathFindings(resources),
    ],
});

/** The access rules: sufficient access, beside the IAM family's least privilege. */
export const accessRules: readonly Rule[] = [accessPathsAllowed];
