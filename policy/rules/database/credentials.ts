import { PolicyResource } from "@pulumi/policy";
import { perResource, RDS_INSTANCE } from "../../lib/data-tier";
import { MASKED, ofType, shown } from "../../../lib/relations/resources";
import { Rule, stackRule } from "../../lib/rule";
import { refersTo, sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";
import { GUIDE_DATABASE_USER } from "../../../facts/guide/data";

const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const GUIDE_USERNAME = GUIDE_DATABASE_USER;
/** Master user names that come with engines, tools and tutorials: the first ones an attacker tries. */
const DEFAULT_USERNAMES = [
    "postgres",
    "admin",
    "administrator",
    "root",
    "master",
    "masteruser",
    "sa",
    "user",
    "dbadmin",
];

/**
 * True when `value` is the masked form of a secret (the offline plan's `[secret]`): unknown, never
 * judged as a literal.
 */
function isMasked(value: unknown): boolean {
    return value === MASKED;
}

/** `rds-credentials`, on the instance alone: a password source is set at all. */
function passwordSourceProblems(props: Props): string[] {
    return props.manageMasterUserPassword !== true && props.password === undefined && props.passwordWo === undefined
        ? [
              "no master password source is set; set manageMasterUserPassword: true, or take password (better passwordWo) from the random.RandomPassword stored in fraud-detector/<env>/database",
          ]
        : [];
}

/** `rds-credentials`: the master user name. */
function usernameProblems(props: Props): string[] {
    const username = props.username;
    if (username === GUIDE_USERNAME || isMasked(username)) {
        return [];
    }
    if (typeof username === "string" && DEFAULT_USERNAMES.includes(username.toLowerCase())) {
        return [
            `username is ${shown(username)}, a default master user name that is tried first; set username: "${GUIDE_USERNAME}" (the guide's DB_USERNAME)`,
        ];
    }
    return [
        `username is ${shown(username)}; set username: "${GUIDE_USERNAME}", the guide's DB_USERNAME the applications connect as`,
    ];
}

/**
 * `rds-credentials`: where the master password comes from, judged by property dependencies (the
 * value itself is masked or unknown). A generated password must also be stored in a secret, or
 * nobody could read it.
 */
function passwordProblems(resources: readonly PolicyResource[], instance: PolicyResource): string[] {
    const props = instance.props;
    // No source at all is passwordSourceProblems', decided on the instance alone.
    if (props.manageMasterUserPassword === true || (props.password === undefined && props.passwordWo === undefined)) {
        return [];
    }
    const property = props.passwordWo !== undefined ? "passwordWo" : "password";
    const generators = sourcesOf(instance, property, RANDOM_PASSWORD);
    if (generators.length === 0) {
        // A write-only password stays out of state, so any source is accepted for it.
        return property === "passwordWo"
            ? []
            : [
                  "password does not come from a random.RandomPassword, so it is a literal (or config value) in the program; take it from the RandomPassword stored in fraud-detector/<env>/database, or set manageMasterUserPassword: true",
              ];
    }
    const versions = ofType(resources, SECRET_VERSION);
    return generators
        .filter(
            (generator) =>
                !versions.some(
                    (version) =>
                        refersTo(version, "secretString", generator) || refersTo(version, "secretStringWo", generator),
                ),
        )
        .map(
            (generator) =>
                `the ${property} comes from RandomPassword ${generator.name}, which fills no Secrets Manager secret version; store it in fraud-detector/<env>/database through an aws.secretsmanager.SecretVersion whose secretString uses it`,
        );
}

/** The RDS rule on the master credentials: who may log in as the database's owner. */
export const databaseCredentialRules: readonly Rule[] = [
    stackRule({
        id: "rds-credentials",
        description:
            "Keeps the database's master credentials out of the code and out of guessing range (FSBP RDS.25; guide: DB_USERNAME=fraud_user, DB_PASSWORD from Secrets Manager): a non-default user name, and a password managed by RDS, write-only, or from the RandomPassword stored in Secrets Manager (judged by property dependencies).",
        kind: "security",
        // The user name and whether any password source is set are the instance's own; where the
        // password comes from is read from its property dependencies, in the stack pass.
        // Two checks, so that a password unknown at preview does not hide the user name.
        resourceCheck: [
            { types: [RDS_INSTANCE], check: usernameProblems },
            { types: [RDS_INSTANCE], check: passwordSourceProblems },
        ],
        check: perResource(RDS_INSTANCE, passwordProblems),
    }),
];
