import { strict as assert } from "assert";
import { ConfigError, RawConfig, resolveStackConfig } from "../../stacks";

/** A valid production config, as the stack file gives it; each test changes one thing. */
function productionRaw(extra: Record<string, unknown> = {}, secretKeys: string[] = []): RawConfig {
    const values: Record<string, string> = {
        "aws:region": "ca-central-1",
        "fraud-detector:environment": "production",
        "fraud-detector:alerts": JSON.stringify({ email: "oncall@example.com" }),
        "fraud-detector:imageTag": "3f9c2e1",
    };
    for (const [key, value] of Object.entries(extra)) {
        values[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { values, secretKeys };
}

function problemsOf(raw: RawConfig): readonly string[] {
    try {
        resolveStackConfig("production", raw);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
        return err.problems;
    }
    assert.fail("expected the config to be rejected");
}

describe("resolveStackConfig", () => {
    describe("given the guide's production values", () => {
        const config = resolveStackConfig("production", productionRaw());

        it("applies the guide's network: 10.0.0.0/16 over ca-central-1a and ca-central-1b, NAT per AZ", () => {
            assert.deepEqual(config.network, {
                cidrBlock: "10.0.0.0/16",
                availabilityZones: ["ca-central-1a", "ca-central-1b"],
                natGateways: "onePerAz",
                flowLogRetentionDays: 365,
                interfaceEndpoints: true,
            });
        });

        it("applies the guide's service sizes: api 512/1024 x3 (2..10 at 70%), worker 256/512 x2, ml 1024/2048 x2", () => {
            assert.deepEqual(config.services.api, {
                cpu: 512,
                memory: 1024,
                desiredCount: 3,
                minCount: 2,
                maxCount: 10,
                cpuTarget: 70,
            });
            assert.deepEqual(
                [config.services.worker.cpu, config.services.worker.memory, config.services.worker.desiredCount],
                [256, 512, 2],
            );
            assert.deepEqual(
                [
                    config.services.mlService.cpu,
                    config.services.mlService.memory,
                    config.services.mlService.desiredCount,
                ],
                [1024, 2048, 2],
            );
        });

        it("applies the guide's database and cache: db.r5.large Multi-AZ, 7 days 03:00-04:00; 3 x cache.r6g.large Redis 7.0", () => {
            assert.deepEqual(
                [
                    config.database.instanceClass,
                    config.database.multiAz,
                    config.database.backupRetentionDays,
                    config.database.backupWindow,
                ],
                ["db.r5.large", true, 7, "03:00-04:00"],
            );
            assert.deepEqual(config.cache, {
                nodeType: "cache.r6g.large",
                numCacheClusters: 3,
                engineVersion: "7.0",
                snapshotRetentionDays: 7,
                authTokenVersion: 1,
                authTokenUpdateStrategy: "SET",
            });
        });

        it("names physical resources with the guide's prefix fraud-detector-prod", () => {
            assert.equal(config.namePrefix, "fraud-detector-prod");
        });

        it("returns a frozen object, nested values included", () => {
            assert.ok(Object.isFrozen(config) && Object.isFrozen(config.services.api));
            assert.throws(() => {
                (config.services.api as { cpu: number }).cpu = 4096;
            }, TypeError);
        });
    });

    it("lays a partial stack value over the profile, keeping the profile's other fields", () => {
        const config = resolveStackConfig(
            "production",
            productionRaw({ "fraud-detector:database": { multiAz: false } }),
        );
        assert.equal(config.database.multiAz, false);
        assert.equal(config.database.instanceClass, "db.r5.large");
    });

    it("treats Pulumi.yaml's empty defaults as not set", () => {
        const config = resolveStackConfig(
            "production",
            productionRaw({
                "fraud-detector:network": {},
                "fraud-detector:appKey": "",
            }),
        );
        assert.equal(config.network.cidrBlock, "10.0.0.0/16");
        assert.equal(config.appKey, undefined);
    });

    it("accepts a secret app key set with --secret", () => {
        const config = resolveStackConfig(
            "production",
            productionRaw({ "fraud-detector:appKey": "base64:abc" }, ["fraud-detector:appKey"]),
        );
        assert.equal(config.appKey, "base64:abc");
    });

    // Each bad value, the exact line it gets: key, value given, what is allowed.
    const rejections: Array<[string, Record<string, unknown>, string]> = [
        [
            "the latest image tag outside local",
            { "fraud-detector:imageTag": "latest" },
            'fraud-detector:imageTag: "latest" is not allowed; expected an immutable tag (the git SHA CI pushed): latest is refused outside local',
        ],
        [
            "a domain without its hosted zone",
            { "fraud-detector:edge": { domainName: "api.example.com", hostedZoneName: "" } },
            'fraud-detector:edge.hostedZoneName: "" is not allowed; expected the Route 53 public zone the domain sits in, such as fraud-detector.com',
        ],
        [
            "an unknown environment",
            { "fraud-detector:environment": "prod" },
            'fraud-detector:environment: "prod" is not allowed; expected one of local, staging, production',
        ],
        [
            "a public CIDR",
            { "fraud-detector:network": { cidrBlock: "8.8.0.0/16" } },
            'fraud-detector:network.cidrBlock: "8.8.0.0/16" is not allowed; expected a private IPv4 CIDR (inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) with a prefix from /16 to /24 and no host bits set',
        ],
        [
            "a CIDR wider than /16",
            { "fraud-detector:network": { cidrBlock: "10.0.0.0/12" } },
            'fraud-detector:network.cidrBlock: "10.0.0.0/12" is not allowed; expected a private IPv4 CIDR (inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) with a prefix from /16 to /24 and no host bits set',
        ],
        [
            "a CIDR narrower than /24",
            { "fraud-detector:network": { cidrBlock: "10.0.0.0/25" } },
            'fraud-detector:network.cidrBlock: "10.0.0.0/25" is not allowed; expected a private IPv4 CIDR (inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) with a prefix from /16 to /24 and no host bits set',
        ],
        [
            "an AZ outside the region",
            {
                "fraud-detector:network": {
                    availabilityZones: ["ca-central-1a", "us-east-1a"],
                },
            },
            'fraud-detector:network.availabilityZones[1]: "us-east-1a" is not allowed; expected an AZ of ca-central-1: one of ca-central-1a, ca-central-1b, ca-central-1d',
        ],
        [
            "a single AZ",
            { "fraud-detector:network": { availabilityZones: ["ca-central-1a"] } },
            'fraud-detector:network.availabilityZones: ["ca-central-1a"] is not allowed; expected at least two AZs: RDS and the ALB need subnets in two zones',
        ],
        [
            "an unknown NAT strategy",
            { "fraud-detector:network": { natGateways: "two" } },
            'fraud-detector:network.natGateways: "two" is not allowed; expected one of onePerAz, single, none',
        ],
        [
            "a cpu/memory pair Fargate does not offer",
            { "fraud-detector:services": { api: { memory: 512 } } },
            "fraud-detector:services.api.memory: 512 is not allowed; Fargate offers 1024 to 4096 in steps of 1024 MiB for cpu 512",
        ],
        [
            "a cpu Fargate does not offer",
            { "fraud-detector:services": { worker: { cpu: 300 } } },
            "fraud-detector:services.worker.cpu: 300 is not allowed; expected Fargate CPU units, one of 256, 512, 1024, 2048, 4096, 8192, 16384",
        ],
        [
            "desiredCount above maxCount",
            { "fraud-detector:services": { api: { desiredCount: 11 } } },
            "fraud-detector:services.api.desiredCount: 11 is not allowed; expected a count from minCount (2) to maxCount (10)",
        ],
        [
            "desiredCount below minCount",
            { "fraud-detector:services": { api: { desiredCount: 1 } } },
            "fraud-detector:services.api.desiredCount: 1 is not allowed; expected a count from minCount (2) to maxCount (10)",
        ],
        [
            "maxCount below minCount",
            { "fraud-detector:services": { mlService: { maxCount: 1 } } },
            "fraud-detector:services.mlService.maxCount: 1 is not allowed; expected at least minCount (2)",
        ],
        [
            "a malformed backup window",
            { "fraud-detector:database": { backupWindow: "3am-4am" } },
            'fraud-detector:database.backupWindow: "3am-4am" is not allowed; expected a daily UTC window HH:MM-HH:MM of at least 30 minutes',
        ],
        [
            "a backup window overlapping maintenance",
            { "fraud-detector:database": { backupWindow: "05:00-05:45" } },
            'fraud-detector:database.backupWindow: "05:00-05:45" is not allowed; expected a window that does not overlap maintenanceWindow (sun:04:30-sun:05:30)',
        ],
        [
            "backup retention below 7 in production",
            { "fraud-detector:database": { backupRetentionDays: 3 } },
            "fraud-detector:database.backupRetentionDays: 3 is not allowed; expected at least 7 in production (the guide's 7-day backups)",
        ],
        [
            "a malformed alert e-mail",
            { "fraud-detector:alerts": { email: "oncall-at-example" } },
            'fraud-detector:alerts.email: "oncall-at-example" is not allowed; expected an e-mail address such as oncall@example.com',
        ],
        [
            "a zero budget",
            { "fraud-detector:budget": { monthlyLimitUsd: 0 } },
            "fraud-detector:budget.monthlyLimitUsd: 0 is not allowed; expected a positive amount of US dollars",
        ],
        [
            "a negative budget",
            { "fraud-detector:budget": { monthlyLimitUsd: -5 } },
            "fraud-detector:budget.monthlyLimitUsd: -5 is not allowed; expected a positive amount of US dollars",
        ],
        [
            "pull-request previews given as a word",
            { "fraud-detector:delivery": { pullRequestPreviews: "yes" } },
            'fraud-detector:delivery.pullRequestPreviews: "yes" is not allowed; expected true or false',
        ],
        [
            "a Redis AUTH token version of 0",
            { "fraud-detector:cache": { authTokenVersion: 0 } },
            "fraud-detector:cache.authTokenVersion: 0 is not allowed; expected a whole number from 1 to 1000000",
        ],
        [
            "a fractional Redis AUTH token version",
            { "fraud-detector:cache": { authTokenVersion: 2.5 } },
            "fraud-detector:cache.authTokenVersion: 2.5 is not allowed; expected a whole number from 1 to 1000000",
        ],
        [
            "an AUTH token update strategy ElastiCache has no two-step use for",
            { "fraud-detector:cache": { authTokenVersion: 2, authTokenUpdateStrategy: "DELETE" } },
            'fraud-detector:cache.authTokenUpdateStrategy: "DELETE" is not allowed; expected one of ROTATE, SET',
        ],
        [
            "ROTATE without a new token",
            { "fraud-detector:cache": { authTokenUpdateStrategy: "ROTATE" } },
            'fraud-detector:cache.authTokenUpdateStrategy: "ROTATE" is not allowed; expected SET while authTokenVersion is 1; ROTATE comes with a new token (authTokenVersion 2 or more)',
        ],
        [
            "a redeploy switch that is not a boolean",
            { "fraud-detector:secretRotation": { redeployServices: "yes" } },
            'fraud-detector:secretRotation.redeployServices: "yes" is not allowed; expected true or false',
        ],
        [
            "a plain-text secret",
            { "fraud-detector:appKey": "base64:abc" },
            "fraud-detector:appKey: a plain-text value is not allowed for a secret; remove it from the stack file and run `pulumi config set --secret fraud-detector:appKey <value>`",
        ],
        [
            "a LocalStack endpoint outside local",
            { "fraud-detector:localstackEndpoint": "http://localhost:4566" },
            'fraud-detector:localstackEndpoint: "http://localhost:4566" is not allowed; expected no value: only the local environment targets LocalStack',
        ],
        [
            "another region",
            { "aws:region": "us-east-1" },
            'aws:region: "us-east-1" is not allowed; the platform runs only in ca-central-1',
        ],
        [
            "a misspelt key",
            { "fraud-detector:database": { multiAZ: true } },
            "fraud-detector:database.multiAZ: unknown key; allowed keys: instanceClass, multiAz, backupRetentionDays, backupWindow, maintenanceWindow, engineVersion, allocatedStorageGb, enhancedMonitoring, logRetentionDays, restoreFromSnapshot",
        ],
        [
            "a value of the wrong type",
            { "fraud-detector:database": { multiAz: "yes" } },
            'fraud-detector:database.multiAz: "yes" is not allowed; expected true or false',
        ],
        [
            "a repository wildcard in deploy access",
            { "fraud-detector:deployAccess": { githubRepository: "acme/*", githubEnvironment: "production" } },
            'fraud-detector:deployAccess.githubRepository: "acme/*" is not allowed; expected a GitHub repository as owner/name, spelt as GitHub shows it (owner: letters, digits, single hyphens; name: letters, digits, . _ -), with no wildcard',
        ],
        [
            "a repository without its owner",
            { "fraud-detector:deployAccess": { githubRepository: "fraud-detector", githubEnvironment: "production" } },
            'fraud-detector:deployAccess.githubRepository: "fraud-detector" is not allowed; expected a GitHub repository as owner/name, spelt as GitHub shows it (owner: letters, digits, single hyphens; name: letters, digits, . _ -), with no wildcard',
        ],
        [
            "an environment name that would widen the OIDC subject",
            { "fraud-detector:deployAccess": { githubRepository: "acme/infra", githubEnvironment: "prod:*" } },
            'fraud-detector:deployAccess.githubEnvironment: "prod:*" is not allowed; expected a GitHub environment name: 1 to 255 letters, digits, . _ - (no spaces, no wildcard), such as production',
        ],
        [
            "deploy access without its environment",
            { "fraud-detector:deployAccess": { githubRepository: "acme/infra" } },
            "fraud-detector:deployAccess.githubEnvironment: missing; expected a GitHub environment name: 1 to 255 letters, digits, . _ - (no spaces, no wildcard), such as production",
        ],
        [
            "an OIDC provider of another issuer",
            {
                "fraud-detector:deployAccess": {
                    githubRepository: "acme/infra",
                    githubEnvironment: "production",
                    existingOidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/gitlab.com",
                },
            },
            'fraud-detector:deployAccess.existingOidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/gitlab.com" is not allowed; expected the ARN of this account\'s GitHub OIDC provider, arn:aws:iam::<12-digit account>:oidc-provider/token.actions.githubusercontent.com',
        ],
        [
            "a misspelt deploy access key",
            {
                "fraud-detector:deployAccess": {
                    githubRepository: "acme/infra",
                    githubEnvironment: "production",
                    repository: "acme/infra",
                },
            },
            "fraud-detector:deployAccess.repository: unknown key; allowed keys: githubRepository, githubEnvironment, existingOidcProviderArn",
        ],
        [
            "a bastion without a NAT gateway to reach Session Manager through",
            { "fraud-detector:network": { natGateways: "none" } },
            "fraud-detector:bastion.enabled: true is not allowed; expected false when network.natGateways is none: the bastion has no public IP and reaches Session Manager only through a NAT gateway",
        ],
        [
            "an engine version with a minor part",
            { "fraud-detector:database": { engineVersion: "15.4" } },
            'fraud-detector:database.engineVersion: "15.4" is not allowed; expected one of 13, 14, 15, 16, 17',
        ],
    ];
    for (const [what, extra, message] of rejections) {
        it(`rejects ${what} with one line naming the key, the value and what is allowed`, () => {
            assert.deepEqual(problemsOf(productionRaw(extra)), [message]);
        });
    }

    it("accepts the two steps of a Redis AUTH token change: version 2 with ROTATE, then with SET", () => {
        for (const step of ["ROTATE", "SET"]) {
            const config = resolveStackConfig(
                "production",
                productionRaw({ "fraud-detector:cache": { authTokenVersion: 2, authTokenUpdateStrategy: step } }),
            );
            assert.deepEqual([config.cache.authTokenVersion, config.cache.authTokenUpdateStrategy], [2, step]);
        }
    });

    it("rejects an unknown top-level key, listing the keys that exist", () => {
        assert.deepEqual(problemsOf(productionRaw({ "fraud-detector:databse": { multiAz: true } })), [
            "fraud-detector:databse: unknown key; allowed keys: environment, network, services, database, cache, secretRotation, alerts, cluster, edge, imageTag, bastion, dataProtection, delivery, budget, bedrock, localstackEndpoint, appKey, deployAccess",
        ]);
    });

    it("rejects a missing alert e-mail, saying it is missing", () => {
        const raw = productionRaw();
        const values = { ...raw.values };
        delete values["fraud-detector:alerts"];
        assert.deepEqual(problemsOf({ values, secretKeys: [] }), [
            "fraud-detector:alerts: missing; expected an object with key email",
        ]);
    });

    it("reports every problem of one config at once, one line each", () => {
        const problems = problemsOf(
            productionRaw({
                "fraud-detector:network": { cidrBlock: "8.8.0.0/16" },
                "fraud-detector:budget": { monthlyLimitUsd: 0 },
                "fraud-detector:database": { backupRetentionDays: 3 },
            }),
        );
        assert.deepEqual(problems.map((p) => p.split(":").slice(0, 2).join(":")).sort(), [
            "fraud-detector:budget.monthlyLimitUsd",
            "fraud-detector:database.backupRetentionDays",
            "fraud-detector:network.cidrBlock",
        ]);
    });

    it("reads deploy access as the stack file gives it, with no default added", () => {
        const access = { githubRepository: "Acme-Corp/fraud.infra_2", githubEnvironment: "production" };
        const config = resolveStackConfig("production", productionRaw({ "fraud-detector:deployAccess": access }));
        assert.deepEqual(config.deployAccess, access);
    });

    it("leaves deploy access out when the stack file does not set it", () => {
        assert.equal(resolveStackConfig("production", productionRaw()).deployAccess, undefined);
    });

    it("rejects deploy access in local, where LocalStack is deployed from a workstation", () => {
        const raw = productionRaw({
            "fraud-detector:environment": "local",
            "fraud-detector:deployAccess": { githubRepository: "acme/infra", githubEnvironment: "local" },
        });
        let problems: readonly string[] = [];
        try {
            resolveStackConfig("local", raw);
        } catch (err) {
            assert.ok(err instanceof ConfigError);
            problems = err.problems;
        }
        assert.deepEqual(problems, [
            'fraud-detector:deployAccess: {"githubRepository":"acme/infra","githubEnvironment":"local"} is not allowed; expected no value in local: LocalStack is deployed from a workstation, never by a GitHub workflow',
        ]);
    });

    describe("EC2 capacity for a deploy (staging's t3.medium hosts)", () => {
        /** Staging's stack file with `cluster` and `services` laid over the profile. */
        const stagingProblems = (extra: Record<string, unknown>) => {
            const raw = productionRaw({ "fraud-detector:environment": "staging", ...extra });
            try {
                resolveStackConfig("staging", raw);
                return [];
            } catch (err) {
                assert.ok(err instanceof ConfigError);
                return err.problems;
            }
        };

        it("accepts staging's 2 hosts that may grow to 5: 10 awsvpc tasks at the services' maxCount x 200%", () => {
            const config = resolveStackConfig("staging", productionRaw({ "fraud-detector:environment": "staging" }));
            assert.deepEqual([config.cluster.instanceCount, config.cluster.maxInstanceCount], [2, 5]);
        });

        it("refuses hosts that may not grow past 4, with one line saying how many a deploy needs", () => {
            assert.deepEqual(stagingProblems({ "fraud-detector:cluster": { maxInstanceCount: 4 } }), [
                "fraud-detector:cluster.maxInstanceCount: 4 is not allowed; expected at least 5: a deploy runs 10 awsvpc tasks (each service at maxCount x 200%), and a t3.medium holds 2 (its network interfaces less the primary) within its CPU and memory",
            ]);
        });

        it("counts a larger autoscaling ceiling: the api at 4 needs 7 hosts", () => {
            assert.deepEqual(stagingProblems({ "fraud-detector:services": { api: { maxCount: 4 } } }), [
                "fraud-detector:cluster.maxInstanceCount: 5 is not allowed; expected at least 7: a deploy runs 14 awsvpc tasks (each service at maxCount x 200%), and a t3.medium holds 2 (its network interfaces less the primary) within its CPU and memory",
            ]);
        });

        it("refuses an instance type whose network limits are not in the facts", () => {
            assert.deepEqual(stagingProblems({ "fraud-detector:cluster": { instanceType: "c7i.large" } }), [
                'fraud-detector:cluster.instanceType: "c7i.large" is not allowed; expected an instance type whose network limits are known (facts/aws/instance-network.ts: t3.nano, t3.micro, t3.small, t3.medium, t3.large, t3.xlarge, t3.2xlarge, m5.large), so that the hosts can be sized for a deploy',
            ]);
        });

        it("refuses a ceiling below the steady size", () => {
            assert.deepEqual(stagingProblems({ "fraud-detector:cluster": { instanceCount: 3, maxInstanceCount: 2 } }), [
                "fraud-detector:cluster.maxInstanceCount: 2 is not allowed; expected at least instanceCount (3)",
                "fraud-detector:cluster.maxInstanceCount: 2 is not allowed; expected at least 5: a deploy runs 10 awsvpc tasks (each service at maxCount x 200%), and a t3.medium holds 2 (its network interfaces less the primary) within its CPU and memory",
            ]);
        });

        it("does not size Fargate capacity: production keeps its unused host count", () => {
            assert.equal(resolveStackConfig("production", productionRaw()).cluster.maxInstanceCount, 2);
        });
    });

    it("allows backup retention below 7 outside production", () => {
        const raw = productionRaw({
            "fraud-detector:environment": "staging",
            "fraud-detector:database": { backupRetentionDays: 3 },
        });
        assert.equal(resolveStackConfig("staging", raw).database.backupRetentionDays, 3);
    });
});
