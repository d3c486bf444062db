#!/bin/sh
# Production layout (DESIGN.md, R8.1): a deployment group of two or more instances on this domain,
# configured by the same asadmin scripts as a single server.
#   deployment-group.sh ASADMIN ADMIN_PORT GROUP INSTANCE [INSTANCE ...]
# Then deploy with: asadmin deploy --target GROUP sms.ear
set -eu
asadmin=$1; port=$2; group=$3; shift 3
"$asadmin" --port "$port" create-deployment-group "$group"
"$asadmin" --port "$port" copy-config default-config "$group-config"
for instance in "$@"; do
    "$asadmin" --port "$port" create-instance --node localhost-domain1 --config "$group-config" \
        --deploymentgroup "$group" "$instance"
done
"$(dirname "$0")/configure.sh" "$asadmin" "$port" "$group" "$group-config"
# Batch job history must be shared by all instances: keep it in PostgreSQL (PAYARA-NOTES.md).
for instance in "$@"; do
    "$asadmin" --port "$port" set-batch-runtime-configuration --target "$instance" --datasourcelookupname jdbc/sms
done
"$asadmin" --port "$port" start-deployment-group "$group"
