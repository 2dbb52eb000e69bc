import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { mergeTags, Tags } from "../tags";

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
    /**
     * Generation of the Redis AUTH token (`cache.authTokenVersion`): a new number is a new token.
     * Version 1 is the token the stack was created with, generated without keepers.
     */
    readonly redisAuthTokenVersion: number;
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
        // Keepers only from version 2: adding them at version 1 would replace the token every stack
        // already holds, without the cache learning of it.
        const redisToken = this.password(
            `${name}-redis-auth`,
            args.redisAuthTokenVersion > 1 ? { authTokenVersion: String(args.redisAuthTokenVersion) } : undefined,
        );
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
        // The value is written by `storeRedisAuthToken`, once the cache accepts the token.
        const redis = this.createSecret(name, args, "redis", "Redis AUTH token");
        this.redisSecret = redis;
        this.redisSecretArn = redis.arn;
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

    /**
     * Writes the Redis AUTH token into `<prefix>/redis` after `cache` (the replication group) has
     * taken it: tasks started on the new value (the redeploy on PutSecretValue) then find a cache
     * that accepts it. Called once, after the cache exists.
     */
    public storeRedisAuthToken(name: string, cache: pulumi.Resource): void {
        this.writeVersion(name, "redis", this.redisSecret, { authToken: this.redisAuthToken }, [cache]);
    }

    /** The `<prefix>/redis` secret, whose value `storeRedisAuthToken` writes. */
    private readonly redisSecret: aws.secretsmanager.Secret;

    /** A 64-character key without symbols (Redis AUTH and HMAC libraries accept it as is). */
    private password(name: string, keepers?: Record<string, string>): random.RandomPassword {
        return new random.RandomPassword(name, { length: 64, special: false, keepers }, { parent: this });
    }

    /** One secret and its JSON value, encrypted with the stack's key. */
    private secret(
        name: string,
        args: SecretsArgs,
        suffix: string,
        description: string,
        value: Record<string, pulumi.Input<unknown>>,
    ): pulumi.Output<string> {
        const secret = this.createSecret(name, args, suffix, description);
        this.writeVersion(name, suffix, secret, value, []);
        return secret.arn;
    }

    /** One secret, encrypted with the stack's key, without a value yet. */
    private createSecret(
        name: string,
        args: SecretsArgs,
        suffix: string,
        description: string,
    ): aws.secretsmanager.Secret {
        return new aws.secretsmanager.Secret(
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
    }

    /** The secret's current value, as JSON, written after `after`. */
    private writeVersion(
        name: string,
        suffix: string,
        secret: aws.secretsmanager.Secret,
        value: Record<string, pulumi.Input<unknown>>,
        after: pulumi.Resource[],
    ): void {
        new aws.secretsmanager.SecretVersion(
            `${name}-${suffix}`,
            { secretId: secret.id, secretString: pulumi.secret(pulumi.jsonStringify(value)) },
            { parent: this, dependsOn: after },
        );
    }
}
