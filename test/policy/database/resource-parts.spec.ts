import { strict as assert } from "assert";
import { resource, stackTags } from "../harness";
import { RDS, fromResourcePass, phasesOn, rdsProps } from "../resource-parts-harness";

/** Issue #11: this family's stack rules decide their single-resource parts in the resource pass (see ../resource-parts-harness.ts). */

describe("stack rules' single-resource parts are decided in the resource pass (issue #11)", () => {
    describe("rds-encryption", () => {
        const message =
            "storageEncrypted is false; set storageEncrypted: true (a customer KMS key in kmsKeyId is preferred)";

        it("reports unencrypted storage from the instance alone", async () => {
            const instance = resource(RDS, rdsProps({ storageEncrypted: false }));
            await fromResourcePass([instance], "rds-encryption", instance, "mandatory", message);
        });

        it("decides it at preview while the parameter group the stack part reads is still unknown", async () => {
            const other = resource("aws:rds/clusterParameterGroup:ClusterParameterGroup", { tags: stackTags() });
            const instance = resource(RDS, rdsProps({ storageEncrypted: false, parameterGroupName: other.id }), {
                from: { parameterGroupName: [other] },
            });
            const phases = await phasesOn([other, instance], "rds-encryption", instance);
            assert.deepEqual(phases[0], ["preview", message]);
            // The parameter-group finding still needs the stack pass.
            assert.ok(phases.slice(1).every(([at]) => at === "up"));
        });
    });
    describe("rds-network-isolation", () => {
        it("reports a publicly accessible instance from the instance alone", async () => {
            const instance = resource(RDS, rdsProps({ publiclyAccessible: true }));
            await fromResourcePass(
                [instance],
                "rds-network-isolation",
                instance,
                "mandatory",
                "publiclyAccessible is true; set publiclyAccessible: false",
            );
        });
    });
    describe("rds-credentials", () => {
        it("reports a default user name and a missing password source from the instance alone", async () => {
            const instance = resource(RDS, rdsProps({ username: "postgres", manageMasterUserPassword: undefined }));
            await fromResourcePass(
                [instance],
                "rds-credentials",
                instance,
                "mandatory",
                'username is "postgres", a default master user name that is tried first; set username: "fraud_user" (the guide\'s DB_USERNAME)',
            );
            await fromResourcePass(
                [instance],
                "rds-credentials",
                instance,
                "mandatory",
                "no master password source is set; set manageMasterUserPassword: true, or take password (better passwordWo) from the random.RandomPassword stored in fraud-detector/<env>/database",
            );
        });

        it("decides the user name at preview while the password's generator is still unknown", async () => {
            const generator = resource("random:index/randomPassword:RandomPassword", { length: 32 });
            const instance = resource(
                RDS,
                rdsProps({ username: "admin", manageMasterUserPassword: undefined, password: generator.id }),
                { from: { password: [generator] } },
            );
            const phases = await phasesOn([generator, instance], "rds-credentials", instance);
            assert.deepEqual(phases[0], [
                "preview",
                'username is "admin", a default master user name that is tried first; set username: "fraud_user" (the guide\'s DB_USERNAME)',
            ]);
            // Where the password comes from is read from the generator, at pulumi up.
            assert.deepEqual(
                phases.slice(1).map(([at]) => at),
                ["up"],
            );
        });
    });
    describe("rds-hardening-extras", () => {
        it("reports the instance's own settings at preview while its event subscription's sources are unknown", async () => {
            const instance = resource(RDS, rdsProps({ monitoringInterval: 0, tags: stackTags("staging") }));
            const subscription = resource(
                "aws:rds/eventSubscription:EventSubscription",
                { sourceType: "db-instance", sourceIds: [instance.id], tags: stackTags("staging") },
                { from: { sourceIds: [instance] } },
            );
            const message =
                "monitoringInterval is 0; set monitoringInterval: 60 (or less) with a monitoringRoleArn for enhanced monitoring";
            await fromResourcePass([instance, subscription], "rds-hardening-extras", instance, "advisory", message);
            const phases = await phasesOn([instance, subscription], "rds-hardening-extras", instance);
            assert.deepEqual(phases[0], ["preview", message]);
        });
    });
});
