#!/bin/sh
# Configures a Payara domain for the 111 platform with the asadmin scripts beside this file.
#   configure.sh ASADMIN ADMIN_PORT [TARGET [CONFIG]]
# TARGET defaults to "server" (one instance); for a deployment group pass its name and the name of the
# configuration its instances share. Reads from the environment: SMS_DB_URL, SMS_DB_USER, SMS_DB_PASSWORD,
# SMS_JDBC_DRIVER (path of the PostgreSQL driver jar), SMS_PROFILE, SMS_ROUTING_NP_INBOX,
# SMS_CARRIER_{CHT,TWM,FET}_ENDPOINTS, and optionally SMS_DB_POOL_MAX and SMS_HEAP. Fails if any command fails.
set -eu
asadmin=$1
port=$2
TARGET=${3:-server}
CONFIG=${4:-server-config}
export TARGET CONFIG
: "${SMS_DB_URL:?SMS_DB_URL is required}"
: "${SMS_DB_USER:?SMS_DB_USER is required}"
: "${SMS_DB_PASSWORD:?SMS_DB_PASSWORD is required}"
export SMS_DB_POOL_MAX=${SMS_DB_POOL_MAX:-64}
export SMS_HEAP=${SMS_HEAP:-2g}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for script in server resources; do
    # Drop comments, then substitute ${NAME} from the environment (an unset name is an error, not "").
    grep -v '^[[:space:]]*#' "$here/src/main/asadmin/$script.asadmin" | grep -v '^[[:space:]]*$' \
        | perl -pe 's/\$\{([A-Z_]+)\}/defined $ENV{$1} ? $ENV{$1} : die "unset variable $1 in '"$script"'.asadmin\n"/ge' \
        > "$work/$script.cmds"
    # multimode carries on after a failed command and exits 0: look for failures in its output.
    "$asadmin" --port "$port" --interactive=false multimode --file "$work/$script.cmds" > "$work/$script.out" 2>&1 || true
    cat "$work/$script.out"
    if grep -q 'Command .* failed' "$work/$script.out"; then
        echo "configure.sh: a command of $script.asadmin failed" >&2
        exit 1
    fi
done
