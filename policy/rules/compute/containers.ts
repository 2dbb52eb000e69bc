/**
 * The containers of an ECS task definition, read once for every rule that judges them (logging,
 * privilege, environment, secrets, images). `containerDefinitions` is a JSON string input, so each
 * rule would otherwise parse it again and name containers in its own words.
 *
 * @module
 */

import { asList, shown } from "../../../lib/relations/resources";
import { parseJson, record } from "./shared";
import { Props } from "../../../lib/relations/resource-shape";

/** One container definition, as far as the rules read it. */
export interface Container {
    readonly name?: string;
    readonly image?: string;
    readonly user?: string;
    readonly privileged?: boolean;
    readonly readonlyRootFilesystem?: boolean;
    readonly environment?: ReadonlyArray<{ name?: string; value?: string }>;
    readonly secrets?: ReadonlyArray<{ name?: string; valueFrom?: string }>;
    readonly mountPoints?: ReadonlyArray<{ sourceVolume?: string }>;
    readonly linuxParameters?: { capabilities?: { add?: readonly string[]; drop?: readonly string[] } };
    readonly logConfiguration?: { logDriver?: string; options?: Record<string, string> };
}

/**
 * The containers of a task definition: `containerDefinitions` is a JSON string (an array is
 * accepted too). Undefined when it cannot be read (masked as a secret, or not yet known): the
 * rules then cannot decide and stay silent.
 */
export function containersOf(props: Props): Container[] | undefined {
    const parsed = parseJson(props.containerDefinitions);
    return Array.isArray(parsed) ? parsed.map((c) => record(c) as Container) : undefined;
}

/** How messages name a container: `container "api"`. */
export function containerLabel(container: Container): string {
    return `container ${shown(container.name)}`;
}

/**
 * The problems `check` finds in each container of a task definition, in container order. `who` is
 * the container's label, with which every container message starts. Nothing when the definitions
 * cannot be read (see {@link containersOf}).
 */
export function perContainer(props: Props, check: (container: Container, who: string) => readonly string[]): string[] {
    return (containersOf(props) ?? []).flatMap((container) => check(container, containerLabel(container)));
}

/** A container's `environment` as name → value. */
export function variablesOf(container: Container): Map<string, unknown> {
    return new Map(asList(container.environment).map((v) => [String(v.name), v.value]));
}
