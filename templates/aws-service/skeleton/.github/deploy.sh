#!/usr/bin/env bash
# Pushes the scanned image to the service's ECR repository and deploys infra/service.yaml into
# $ENVIRONMENT_NAME. Used by .github/workflows/ci.yml for staging and production alike.
set -euo pipefail
: "${SERVICE:?}" "${AWS_REGION:?}" "${ENVIRONMENT_NAME:?}" "${AZ_COUNT:?}" "${TAG:?}"
STACK="$ENVIRONMENT_NAME-$SERVICE"
deploy() {
  aws cloudformation deploy --stack-name "$STACK" --template-file infra/service.yaml \
    --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset \
    --tags service="$SERVICE" environment="$ENVIRONMENT_NAME" template=aws-service@1 \
    --parameter-overrides EnvironmentName="$ENVIRONMENT_NAME" AzCount="$AZ_COUNT" "$@"
}

# First deployment: the repository does not exist yet, so create everything with no task running.
if ! aws cloudformation describe-stacks --stack-name "$STACK" >/dev/null 2>&1; then
  deploy DesiredCount=0 ImageTag=bootstrap
fi

REPOSITORY=$(aws cloudformation describe-stacks --stack-name "$STACK" \
  --query "Stacks[0].Outputs[?OutputKey=='RepositoryUri'].OutputValue" --output text)
aws ecr get-login-password | docker login --username AWS --password-stdin "${REPOSITORY%%/*}"
gunzip -c image.tar.gz | docker load
docker tag "$SERVICE:$TAG" "$REPOSITORY:$TAG"
# Tags are immutable: pushing the same commit twice is a no-op.
if ! aws ecr describe-images --repository-name "$SERVICE" --image-ids imageTag="$TAG" >/dev/null 2>&1; then
  docker push "$REPOSITORY:$TAG"
fi

# The real deployment; the circuit breaker and the error-rate alarm roll back a bad image.
deploy ImageTag="$TAG" DesiredCount=${{ values.desiredCount }}
URL=$(aws cloudformation describe-stacks --stack-name "$STACK" \
  --query "Stacks[0].Outputs[?OutputKey=='Url'].OutputValue" --output text)
echo "url=$URL" >> "${GITHUB_OUTPUT:-/dev/null}"
