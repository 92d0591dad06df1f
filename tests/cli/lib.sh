# lib.sh: a tiny harness for command-line tests.  Each check prints
# "ok - NAME" or "not ok - NAME" (scripts/run-tests counts them).
#   expect_exit CODE NAME -- COMMAND...   run COMMAND, check its exit code;
#                                         its stdout/stderr are in $OUT/$ERR
#   check NAME -- COMMAND...              ok if COMMAND succeeds
#   contains NAME TEXT STRING             ok if STRING contains TEXT
set -u
: "${HEARTH:?set HEARTH to the hearth binary}"
T=$(mktemp -d /tmp/hearth-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
unset HEARTH_DB
OUT=
ERR=

expect_exit() {
	local want=$1 name=$2 got
	shift 3
	"$@" >"$T/.out" 2>"$T/.err"
	got=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
	if [ "$got" -eq "$want" ]; then
		echo "ok - $name"
	else
		echo "not ok - $name (exit $got, wanted $want)"
		echo "#   stdout: $OUT" | head -5
		echo "#   stderr: $ERR" | head -5
	fi
}

check() {
	local name=$1
	shift 2
	if "$@" >/dev/null 2>&1; then
		echo "ok - $name"
	else
		echo "not ok - $name"
	fi
}

contains() {
	case "$3" in
	*"$2"*) echo "ok - $1" ;;
	*) echo "not ok - $1 (no \"$2\" in: $(printf '%s' "$3" | head -3))" ;;
	esac
}

# One number from a query on a database.
q() { sqlite3 "$1" "$2"; }
