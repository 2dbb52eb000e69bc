/**
 * The one shape of a resource the relation readers of lib/relations work on. The policy pack's
 * `PolicyResource` (what the analyzer hands a stack policy) has it as it is, and the plan's resources
 * get it from the plan engine's `linkPlan`, so the pack, the report and the tests follow references
 * between resources with the same code.
 *
 * @module
 */

/** Resource inputs as the relation readers and the policies see them: any shape, read defensively. */
export type Props = Record<string, unknown>;

/**
 * A resource linked to the resources its inputs came from. `Self` is the caller's own resource type,
 * so that what a reader returns (a rule's group, a grant's holder) is of the type it was given.
 */
export interface Linked<Self> {
    /** The type token, e.g. `aws:ec2/securityGroup:SecurityGroup`. */
    readonly type: string;
    /** The logical name. */
    readonly name: string;
    /** The URN. */
    readonly urn: string;
    /** The inputs. */
    readonly props: Props;
    /**
     * Input property to the resources its value came from: known even where the value itself is
     * not yet (a real preview of new resources), and recorded by the offline plan too.
     */
    readonly propertyDependencies: Readonly<Record<string, readonly Self[]>>;
}

/** A linked resource of no more particular type: for readers that keep none of the resources. */
export interface LinkedResource extends Linked<LinkedResource> {
    readonly propertyDependencies: Readonly<Record<string, readonly LinkedResource[]>>;
}
