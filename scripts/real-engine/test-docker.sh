#!/usr/bin/env bash
# npm run test:docker [-- OPTIONS] [FILE…]
#
# Replays every conformance transcript on a real Docker Engine and diffs it against the transcript
# file and the simulator (tests/conformance/real-engine/harness.ts has the options, e.g. --record).
#
# As root it installs Debian's docker.io and busybox-static when they are missing, starts a PRIVATE
# dockerd (own data-root, exec-root, pidfile and socket under a temp dir; a system daemon is never
# touched), builds the three conformance images, runs the harness and, on any exit, stops only the
# daemon it started. When no engine can run it says so loudly and exits 0 with
# "SKIPPED — no real engine": it never reports a pass it did not check.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=engine.sh
source "$here/engine.sh"

started=$(date +%s.%N)

[ "$(id -u)" -eq 0 ] || mp_skip "not running as root (dockerd needs root; no rootless setup here)"
[ "$(uname -s)" = Linux ] || mp_skip "not Linux"

if [ -z "${MP_IN_NAMESPACE:-}" ]; then
  # One harness at a time on a machine: both would empty /tmp/lab under each other.
  exec 9>/tmp/mountpoint-real-engine.lock
  flock -w 900 9 || mp_skip "another real-engine harness held /tmp/mountpoint-real-engine.lock for 15 minutes"

  mp_ensure_packages || mp_skip "could not install docker.io / busybox-static with apt-get"

  # Run the rest in a private mount namespace (see mp_start_daemon): the daemon's mounts and the
  # /var/lib/docker bind die with it. /var/lib/docker must exist as a mount point; an empty one made
  # here is removed again afterwards.
  if unshare --mount --propagation private true 2>/dev/null; then
    made_dir=
    if [ ! -e /var/lib/docker ]; then mkdir -p /var/lib/docker && made_dir=1; fi
    MP_IN_NAMESPACE=1 MP_APT_SECONDS="${MP_APT_SECONDS:-}" unshare --mount --propagation private bash "$0" "$@"
    status=$?
    [ -n "$made_dir" ] && rmdir /var/lib/docker 2>/dev/null
    exit $status
  fi
  mp_log 'unshare --mount is not available: the data-root stays under /tmp, so transcripts that read /var/lib/docker/volumes will differ'
fi

mp_pick_cli || mp_skip "no working docker CLI (/usr/local/bin/docker or /usr/bin/docker)"

trap 'mp_stop_daemon' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mp_start_daemon || mp_skip "dockerd did not start (see the log lines above)"
mp_build_images || { mp_log 'building the conformance images failed on a running engine'; exit 2; }

mp_log "docker CLI: $MP_DOCKER_CLI ($("$MP_DOCKER_CLI" --version))"
export MP_DOCKER_CLI MP_DOCKER_CLIS
# The project's pinned Node (node_modules/.bin/node) also when this script is run without npm.
export PATH="$repo/node_modules/.bin:$PATH"
command -v tsx >/dev/null 2>&1 || { mp_log "node_modules/.bin/tsx is missing: run npm ci first"; exit 2; }
tsx "$repo/tests/conformance/real-engine/harness.ts" "$@"
status=$?
mp_log "timings: apt-get install ${MP_APT_SECONDS:-0 (already installed)}s, dockerd start ${MP_DAEMON_SECONDS}s ($MP_STORAGE_DRIVER), images ${MP_IMAGES_SECONDS}s, whole run $(mp_elapsed "$started")s"
exit $status
