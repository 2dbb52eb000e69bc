import { foundationModelArn, isFoundationModelId } from "../aws/bedrock-models";
import { GUIDE_REGION } from "./region";

/**
 * The Bedrock model the deployment guide grants (Security Hardening › IAM Roles:
 * `arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-haiku-*`): every Claude 3 Haiku
 * version in the stack's region. The default of `fraud-detector:bedrock.modelId`.
 *
 * Claude 3 Haiku is a Legacy model in ca-central-1: its Bedrock model card
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-3-haiku.html)
 * says "Legacy (Region-specific)" with an end-of-life date of 10 September 2026; see the README for
 * what to set instead.
 */
export const GUIDE_BEDROCK_MODEL_ID = "anthropic.claude-3-haiku-*";

/** One model ID the guide's prefix matches: Claude 3 Haiku's version, as its model card gives it. */
export const GUIDE_BEDROCK_MODEL_VERSION_ID = "anthropic.claude-3-haiku-20240307-v1:0";

/**
 * The interface endpoint's service (Security Hardening › VPC Endpoints, `service_name`): Bedrock's
 * runtime in the guide's region.
 */
export const GUIDE_BEDROCK_ENDPOINT_SERVICE = `com.amazonaws.${GUIDE_REGION}.bedrock-runtime`;

/** What every foundation-model ARN of the guide's region starts with (its model ID follows). */
export const GUIDE_FOUNDATION_MODEL_ARN_PREFIX = foundationModelArn(GUIDE_REGION, "");

/** Whether `resource` is a foundation model (or a prefix of their IDs ending in `*`) of the guide's region. */
export function isGuideRegionFoundationModelArn(resource: string): boolean {
    return (
        resource.startsWith(GUIDE_FOUNDATION_MODEL_ARN_PREFIX) &&
        isFoundationModelId(resource.slice(GUIDE_FOUNDATION_MODEL_ARN_PREFIX.length))
    );
}
