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
