/**
 * How Amazon Bedrock names a foundation model, in IAM and in endpoint policies.
 *
 * Sources: Amazon Bedrock API Reference, InferenceProfileModel
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_InferenceProfileModel.html): a
 * foundation model's ARN matches
 * `arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}`
 * (no account); the deployment guide's IAM Roles grant a prefix of such IDs (facts/guide/bedrock.ts);
 * Bedrock's model cards (e.g.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-haiku-4-5.html)
 * give model IDs such as `anthropic.claude-haiku-4-5-20251001-v1:0`, and cross-Region inference
 * profile IDs with a geography prefix (`us.`, `eu.`, `apac.`, `global.`), which are
 * `inference-profile` resources, not foundation models.
 */
export const BEDROCK_MODELS = {
    /** A foundation-model ID as the ARN pattern above ends (`<provider>.<model>[:<version>]`). */
    modelId: /^[a-z0-9-]{1,63}\.([a-z0-9-]{1,63}\.){0,2}[a-z0-9-]{1,63}(:[a-z0-9-]{1,63}){0,2}$/,
    /** A prefix of such IDs ending in `*`, as the guide writes its model. */
    modelIdPrefix: /^[a-z0-9-]{1,63}\.([a-z0-9-]{1,63}\.){0,2}[a-z0-9-]{0,63}(:[a-z0-9-]{0,63}){0,2}\*$/,
    /** The geography prefixes of cross-Region inference profile IDs: never a foundation model. */
    inferenceProfilePrefix: /^(us|us-gov|eu|apac|jp|au|ca|global)\./,
    /** Where these facts come from. */
    source: "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_InferenceProfileModel.html",
} as const;

/** Whether `value` names one foundation model, or a prefix of their IDs ending in `*`. */
export function isFoundationModelId(value: string): boolean {
    return (
        (BEDROCK_MODELS.modelId.test(value) || BEDROCK_MODELS.modelIdPrefix.test(value)) &&
        !BEDROCK_MODELS.inferenceProfilePrefix.test(value)
    );
}

/** The ARN of the foundation model(s) `modelId` names in `region` (foundation models have no account). */
export function foundationModelArn(region: string, modelId: string): string {
    return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}
