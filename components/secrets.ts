import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { mergeTags, Tags } from "./tags";

/** Where the application finds the database: everything but the password, which RDS keeps. */
export interface DatabaseConnection {
    readonly host: pulumi.Input<string>;
    readonly port: pulumi.Input<number>;
    readonly dbName: string;
    readonly username: string;
    /** ARN of the RDS-managed secret holding the master password. */
    readonly passwordSecretArn: pulumi.Input<string>;
}

/** Arguments of the `Secrets` component. */
export interface SecretsArgs {
    /** Prefix of secret names, the guide's `fraud-detector/prod`. */
    readonly pathPrefix: string;
    /** The customer-managed key every secret is encrypted with. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The database connection stored in `<prefix>/database`. */
    readonly database: DatabaseConnection;
    /** A Laravel APP_KEY from `fraud-detector:appKey`. @default - a generated 32-byte key */
    readonly appKey?: pulumi.Input<string>;
    /** The application configuration the guide rolls back through SSM (`/<prefix>/config`). */
    readonly appConfig: Readonly<Record<string, string>>;
    /** `protect` the secrets and keep the full 30-day recovery window (7 days otherwise). */
    readonly deletionProtection: boolean;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/**
 * The guide's Secrets Management, made by the program: `<prefix>/database` (connection details and
 * the ARN of the RDS-managed password), `<prefix>/hmac-keys` (two generated signing keys),
 * `<prefix>/app-key` (Laravel's APP_KEY) and `<prefix>/redis` (the Redis AUTH token). Every value
 * is generated with @pulumi/random or taken from other resources, never written in the program;
 * every secret is encrypted with the stack's key. Also the SSM parameter `/<prefix>/config` that the
 * guide's configuration rollback rewrites.
 *
 * Cost: each secret per month, plus API calls.
 */
export class Secrets extends pulumi.ComponentResource {
    /** ARN of `<prefix>/database`. */
    public readonly databaseSecretArn: pulumi.Output<string>;
    /** ARN of `<prefix>/hmac-keys`. */
    public readonly hmacKeysSecretArn: pulumi.Output<string>;
    /** ARN of `<prefix>/app-key`. */
    public readonly appKeySecretArn: pulumi.Output<string>;
    /** ARN of `<prefix>/redis`. */
    public readonly redisSecretArn: pulumi.Output<string>;
    /** The Redis AUTH token, secret, for the cache. */
    public readonly redisAuthToken: pulumi.Output<string>;
    /** Name of the SSM configuration parameter. */
    public readonly configParameterName: pulumi.Output<string>;

    constructor(name: string, args: SecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:security:Secrets", name, {}, opts);
        const key1 = this.password(`${name}-hmac-key1`);
        const key2 = this.password(`${name}-hmac-key2`);
        const redisToken = this.password(`${name}-redis-auth`);
        const appKey =
            args.appKey ??
            pulumi.interpolate`base64:${new random.RandomBytes(`${name}-app-key`, { length: 32 }, { parent: this }).base64}`;

        this.databaseSecretArn = this.secret(
            name,
            args,
            "database",
            "Database connection (the password is the RDS-managed secret)",
            {
                engine: "postgres",
                host: args.database.host,
                port: args.database.port,
                dbname: args.database.dbName,
                username: args.database.username,
                passwordSecretArn: args.database.passwordSecretArn,
            },
        );
        this.hmacKeysSecretArn = this.secret(name, args, "hmac-keys", "HMAC signing keys", {
            key1: key1.result,
            key2: key2.result,
        });
        this.appKeySecretArn = this.secret(name, args, "app-key", "Laravel APP_KEY", { APP_KEY: appKey });
        this.redisSecretArn = this.secret(name, args, "redis", "Redis AUTH token", { authToken: redisToken.result });
        this.redisAuthToken = pulumi.secret(redisToken.result);

        const parameter = new aws.ssm.Parameter(
            `${name}-config`,
            {
                name: `/${args.pathPrefix}/config`,
                description: "Application configuration; roll back by writing an earlier version",
                type: "String",
                tier: "Standard",
                // Not secret: `insecureValue` keeps it readable in plans and diffs (`value` is always masked).
                insecureValue: JSON.stringify(args.appConfig),
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        this.configParameterName = parameter.name;
        this.registerOutputs({
            databaseSecretArn: this.databaseSecretArn,
            hmacKeysSecretArn: this.hmacKeysSecretArn,
            appKeySecretArn: this.appKeySecretArn,
            redisSecretArn: this.redisSecretArn,
            configParameterName: this.configParameterName,
        });
    }

    /** A 64-character key without symbols (Redis AUTH and HMAC libraries accept it as is). */
    private password(name: string): random.RandomPassword {
        return new random.RandomPassword(name, { length: 64, special: false }, { parent: this });
    }

    /** One secret and its JSON value, encrypted with the stack's key. */
    private secret(
        name: string,
        args: SecretsArgs,
        suffix: string,
        description: string,
        value: Record<string, pulumi.Input<unknown>>,
    ): pulumi.Output<string> {
        const secret = new aws.secretsmanager.Secret(
            `${name}-${suffix}`,
            {
                name: `${args.pathPrefix}/${suffix}`,
                description,
                kmsKeyId: args.kmsKeyArn,
                recoveryWindowInDays: args.deletionProtection ? 30 : 7,
                tags: mergeTags(args.tags),
            },
            { parent: this, protect: args.deletionProtection },
        );
        new aws.secretsmanager.SecretVersion(
            `${name}-${suffix}`,
            { secretId: secret.id, secretString: pulumi.secret(pulumi.jsonStringify(value)) },
            { parent: this },
        );
        return secret.arn;
    }
}
