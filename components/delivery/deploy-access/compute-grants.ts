/**
 * The deploy role's write grants for the network and the application tier (EC2, Auto Scaling,
 * ECS, Cloud Map, Application Auto Scaling, ECR, CloudWatch Logs), as data. Assembled with the
 * other families in `write-grants.ts`.
 */
import { allow, ecsResources, GrantGroups, inRegion, logGroups, regional } from "../../security/iam-scope";

/** Write grants of the network and the application tier, by managed policy. */
export const COMPUTE_GROUPS: GrantGroups = {
    network: (s) => [
        // EC2 ids are chosen by AWS, so the narrowest scope is this account in this region; the AMI
        // of RunInstances is owned by Amazon, hence the account-less image ARN.
        allow(
            "NetworkAndHosts",
            [
                "ec2:CreateVpc",
                "ec2:DeleteVpc",
                "ec2:ModifyVpcAttribute",
                "ec2:CreateSubnet",
                "ec2:DeleteSubnet",
                "ec2:ModifySubnetAttribute",
                "ec2:CreateInternetGateway",
                "ec2:AttachInternetGateway",
                "ec2:DetachInternetGateway",
                "ec2:DeleteInternetGateway",
                "ec2:CreateRouteTable",
                "ec2:DeleteRouteTable",
                "ec2:CreateRoute",
                "ec2:DeleteRoute",
                "ec2:ReplaceRoute",
                "ec2:AssociateRouteTable",
                "ec2:DisassociateRouteTable",
                "ec2:AllocateAddress",
                "ec2:ReleaseAddress",
                "ec2:CreateNatGateway",
                "ec2:DeleteNatGateway",
                "ec2:CreateSecurityGroup",
                "ec2:DeleteSecurityGroup",
                "ec2:AuthorizeSecurityGroupIngress",
                "ec2:AuthorizeSecurityGroupEgress",
                "ec2:RevokeSecurityGroupIngress",
                "ec2:RevokeSecurityGroupEgress",
                "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
                "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
                "ec2:ModifySecurityGroupRules",
                "ec2:CreateVpcEndpoint",
                "ec2:ModifyVpcEndpoint",
                "ec2:DeleteVpcEndpoints",
                "ec2:CreateFlowLogs",
                "ec2:DeleteFlowLogs",
                "ec2:RunInstances",
                "ec2:TerminateInstances",
                "ec2:StartInstances",
                "ec2:StopInstances",
                "ec2:ModifyInstanceAttribute",
                "ec2:AssociateIamInstanceProfile",
                "ec2:ReplaceIamInstanceProfileAssociation",
                "ec2:DisassociateIamInstanceProfile",
                "ec2:ModifyVolume",
                "ec2:CreateLaunchTemplate",
                "ec2:CreateLaunchTemplateVersion",
                "ec2:ModifyLaunchTemplate",
                "ec2:DeleteLaunchTemplate",
                "ec2:DeleteLaunchTemplateVersions",
                "ec2:CreateTags",
                "ec2:DeleteTags",
            ],
            [regional(s, "ec2", "*"), `arn:aws:ec2:${s.region}::image/*`],
        ),
        allow(
            "HostScaling",
            [
                "autoscaling:CreateAutoScalingGroup",
                "autoscaling:UpdateAutoScalingGroup",
                "autoscaling:DeleteAutoScalingGroup",
                "autoscaling:StartInstanceRefresh",
                "autoscaling:CancelInstanceRefresh",
                "autoscaling:SetInstanceProtection",
                "autoscaling:CreateOrUpdateTags",
                "autoscaling:DeleteTags",
            ],
            [regional(s, "autoscaling", `autoScalingGroup:*:autoScalingGroupName/${s.namePrefix}-*`)],
        ),
    ],
    compute: (s) => [
        allow(
            "EcsClusterAndServices",
            [
                "ecs:CreateCluster",
                "ecs:UpdateCluster",
                "ecs:UpdateClusterSettings",
                "ecs:DeleteCluster",
                "ecs:PutClusterCapacityProviders",
                "ecs:CreateCapacityProvider",
                "ecs:UpdateCapacityProvider",
                "ecs:DeleteCapacityProvider",
                "ecs:CreateService",
                "ecs:UpdateService",
                "ecs:DeleteService",
                "ecs:RegisterTaskDefinition",
                "ecs:DeleteTaskDefinitions",
                "ecs:TagResource",
                "ecs:UntagResource",
            ],
            ecsResources(s),
        ),
        // Star-only in the reference and in AWS's own policies; the region condition still applies.
        allow(
            "ComputeStarOnly",
            [
                "ecs:DeregisterTaskDefinition",
                "servicediscovery:CreateHttpNamespace",
                "servicediscovery:TagResource",
                "servicediscovery:UntagResource",
                "ecr:GetAuthorizationToken",
            ],
            ["*"],
            inRegion(s),
        ),
        allow(
            "ServiceConnectNamespace",
            [
                "servicediscovery:DeleteNamespace",
                "servicediscovery:UpdateHttpNamespace", // newer than 2020
                // ECS Service Connect registers the services in the namespace with the caller's rights.
                "servicediscovery:CreateService",
                "servicediscovery:DeleteService",
            ],
            [regional(s, "servicediscovery", "namespace/*"), regional(s, "servicediscovery", "service/*")],
        ),
        allow(
            "ServiceScaling",
            [
                "application-autoscaling:RegisterScalableTarget",
                "application-autoscaling:DeregisterScalableTarget",
                "application-autoscaling:PutScalingPolicy",
                "application-autoscaling:DeleteScalingPolicy",
                "application-autoscaling:TagResource", // newer than 2020
                "application-autoscaling:UntagResource", // newer than 2020
            ],
            [regional(s, "application-autoscaling", "scalable-target/*")],
        ),
        // The stack's repositories (fraud-api, fraud-ml): their settings, and pushing the images CI builds.
        allow(
            "ImageRepositories",
            [
                "ecr:CreateRepository",
                "ecr:DeleteRepository",
                "ecr:PutLifecyclePolicy",
                "ecr:DeleteLifecyclePolicy",
                "ecr:PutImageScanningConfiguration",
                "ecr:PutImageTagMutability",
                "ecr:TagResource",
                "ecr:UntagResource",
                "ecr:BatchCheckLayerAvailability",
                "ecr:InitiateLayerUpload",
                "ecr:UploadLayerPart",
                "ecr:CompleteLayerUpload",
                "ecr:PutImage",
                "ecr:BatchGetImage",
            ],
            [...s.repositoryArns],
        ),
        allow(
            "LogGroups",
            [
                "logs:CreateLogGroup",
                "logs:DeleteLogGroup",
                "logs:PutRetentionPolicy",
                "logs:DeleteRetentionPolicy",
                "logs:AssociateKmsKey",
                "logs:DisassociateKmsKey",
                "logs:PutLogGroupDeletionProtection", // newer than 2020
                "logs:TagResource",
                "logs:UntagResource",
                "logs:TagLogGroup",
                "logs:UntagLogGroup",
            ],
            logGroups(s),
        ),
    ],
};
