// The CrossGuard pack `pulumi preview --policy-pack policy` loads. It only assembles: the rules live
// in rules/, so tests and the offline runner import them without starting a policy server.
import { PolicyPack } from "@pulumi/policy";
import { RULES } from "./rules";

new PolicyPack("fraud-detector-guardrails", {
    description: "The deployment guide's security, backup and availability rules for the fraud-detector stacks.",
    policies: [...RULES],
});
