/**
 * The shape of one row of the resource-name table (`resource-names.ts`): what AWS accepts as the
 * physical name of one resource type, and how pulumi-aws names it when the program does not.
 */

/** A form AWS refuses even though every character of it is allowed. */
export interface ForbiddenForm {
    /** Matches the refused form. */
    readonly pattern: RegExp;
    /** What AWS says about it, for the message (e.g. "must not begin or end with a hyphen"). */
    readonly says: string;
}

/**
 * How pulumi-aws fills the name input when the program leaves it unset (the provider's Check does
 * this, so a real preview shows the name in the inputs): `prepend` + the logical name (lowercased
 * when `lowercase`) + `separator` + `randomLength` random hex digits. When that would be longer than
 * `maxLength` the provider refuses the resource with an error; it never truncates.
 */
export interface AutoNameRule {
    readonly separator: string;
    readonly randomLength: number;
    /** The provider's own limit for the whole auto-name (not always AWS's). */
    readonly maxLength: number;
    /** The provider lowercases the logical name first. */
    readonly lowercase?: boolean;
    /** Text the provider puts before the name (KMS aliases: `alias/`). */
    readonly prepend?: string;
}

/** The prefix input (`namePrefix`, `bucketPrefix`) and the longest prefix the provider accepts. */
export interface NamePrefixRule {
    readonly input: string;
    readonly maxLength: number;
}

/** Where each fact of a row comes from: an AWS page, and provider source for the auto-name. */
export interface NameSources {
    /** The AWS API reference or user-guide page that states the limits (or that there is no name). */
    readonly aws: string;
    /** pulumi-aws (`provider/resources.go`) for how the provider names the resource. */
    readonly provider: string;
    /** Where the prefix limit comes from. */
    readonly prefix?: string;
}

/** What AWS accepts as the physical name of one resource type. */
export interface ResourceNameRule {
    /** The input holding the physical name; absent when AWS names the resource itself. */
    readonly input?: string;
    /** Why the type has no name of its own (AWS returns an id, or the resource is a setting of another). */
    readonly unnamed?: string;
    readonly minLength?: number;
    readonly maxLength?: number;
    /** The characters AWS accepts, matched against the whole name. */
    readonly pattern?: RegExp;
    /** The same in words, for messages. */
    readonly allowed?: string;
    /** AWS refuses uppercase letters. */
    readonly lowercase?: boolean;
    /** Forms AWS refuses although their characters are allowed. */
    readonly forbidden?: readonly ForbiddenForm[];
    /** How pulumi-aws names the resource when `input` is unset; absent when it does not. */
    readonly autoName?: AutoNameRule;
    /** The prefix input and its own limit, where the resource has one. */
    readonly prefix?: NamePrefixRule;
    readonly sources: NameSources;
}
