#!/usr/bin/env bash
# Pushes the images the build job saved (images.tar.gz) to this account's ECR repositories, tagged
# IMAGE_TAG. A tag ECR already holds is kept, not pushed again: the repositories' tags are
# immutable, so a re-run must not try to overwrite one.
# Reads IMAGES (lines of <repository> <Dockerfile> <context>), IMAGE_TAG and AWS_REGION, and the
# AWS credentials configure-aws-credentials set (the stack's deploy role).
set -euo pipefail

account=$(aws sts get-caller-identity --query Account --output text)
registry="$account.dkr.ecr.$AWS_REGION.amazonaws.com"
aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "$registry"
gunzip -c images.tar.gz | docker load

# The list is read on its own descriptor, so no command in the loop can swallow the next lines.
while read -r image _ <&3; do
    [ -n "$image" ] || continue
    if found=$(aws ecr describe-images --region "$AWS_REGION" --repository-name "$image" \
        --image-ids "imageTag=$IMAGE_TAG" 2>&1); then
        echo "$image:$IMAGE_TAG is already in $registry; its tag is immutable, so it is kept"
        continue
    elif ! grep -q ImageNotFoundException <<< "$found"; then
        echo "$found" >&2
        exit 1
    fi
    docker tag "$image:$IMAGE_TAG" "$registry/$image:$IMAGE_TAG"
    docker push "$registry/$image:$IMAGE_TAG"
done 3<<< "$IMAGES"
