/**
 * The contract of `RoleBoundary`: its arguments, beside the boundary's document (`policy.ts`), so
 * that neither imports the component class.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../tags";

/** Arguments of the `RoleBoundary` component. */
export interface RoleBoundaryArgs {
    /** The stack's region. */
    readonly region: string;
    /** Prefix of the stack's names (`fraud-detector-prod`): its buckets, and the policy's name. */
    readonly namePrefix: string;
    /** Path of the stack's secrets and SSM parameters (`fraud-detector/prod`). */
    readonly secretPathPrefix: string;
    /** The stack's data key: the only key its roles may use. */
    readonly dataKeyArn: pulumi.Input<string>;
    /** The stack's base tags. */
    readonly tags: Tags;
}
