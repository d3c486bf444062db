#!/bin/sh
# Configures a Payara domain for the 111 platform with the asadmin scripts beside this file.
#   configure.sh ASADMIN ADMIN_PORT [TARGET [CONFIG]]
# TARGET defaults to "server" (one instance); for a deployment group pass its name and the name of the
# configuration its instances share. Reads from the environment: SMS_DB_URL, SMS_DB_USER, SMS_DB_PASSWORD,
# SMS_JDBC_DRIVER (path of the PostgreSQL driver jar), SMS_PROFILE, SMS_ROUTING_NP_INBOX,
# SMS_CARRIER_{CHT,TWM,FET}_ENDPOINTS, and optionally SMS_DB_POOL_MAX and SMS_HEAP. Fails if any command fails.
# Mail (the Jakarta Mail session mail/sms): SMS_MAIL_HOST and SMS_MAIL_PORT of the SMTP relay (default localhost:25),
# SMS_MAIL_FROM (default no-reply@sms.gov.tw), SMS_MAIL_STARTTLS=true to require STARTTLS, and SMS_MAIL_USER with
# SMS_MAIL_PASSWORD if the relay wants a login (then mail-login.asadmin runs too; see there for aliases).
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
export SMS_MAIL_HOST=${SMS_MAIL_HOST:-localhost}
export SMS_MAIL_PORT=${SMS_MAIL_PORT:-25}
export SMS_MAIL_FROM=${SMS_MAIL_FROM:-no-reply@sms.gov.tw}
export SMS_MAIL_STARTTLS=${SMS_MAIL_STARTTLS:-false}
case "$SMS_MAIL_STARTTLS" in
    true | false) ;;
    *) echo "configure.sh: SMS_MAIL_STARTTLS must be true or false, not $SMS_MAIL_STARTTLS" >&2; exit 2 ;;
esac
scripts="server resources"
if [ -n "${SMS_MAIL_USER:-}" ]; then
    : "${SMS_MAIL_PASSWORD:?SMS_MAIL_PASSWORD is required with SMS_MAIL_USER}"
    scripts="$scripts mail-login"
fi
# The session's mail.user, which only a login uses: the relay account, or a placeholder (asadmin requires one).
export SMS_MAIL_ACCOUNT=${SMS_MAIL_USER:-sms}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for script in $scripts; do
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
