# shellcheck shell=bash
# Private real Docker Engine for the conformance harness (sourced by test-docker.sh).
#
# Everything this file starts lives under one temp dir ($MP_ROOT): data-root, exec-root, pidfile,
# socket, CLI config, daemon log. It never talks to a system daemon (/var/run/docker.sock) and
# mp_stop_daemon stops only the dockerd whose pid it recorded. The recipe is the one in
# shared/reference/docker-engine.md (Debian docker.io 20.10, overlay2, no iptables, no bridge).

MP_IMAGES_DIR=${MP_IMAGES_DIR:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/tests/conformance/real-engine/images"}
MP_DAEMON_PID=
MP_ROOT=
MP_DATA_ROOT=

mp_log() { printf '[real-engine] %s\n' "$*" >&2; }

# A loud banner, then exit 0: the harness never pretends to pass when no engine could run.
mp_skip() {
  {
    echo
    echo '################################################################################'
    echo '###  SKIPPED — no real engine'
    printf '###  reason: %s\n' "$*"
    echo '###  Nothing was compared against a real Docker Engine in this run.'
    echo '################################################################################'
    echo
  } >&2
  echo 'SKIPPED — no real engine'
  exit 0
}

# seconds with millisecond precision since $1 (an epoch from `date +%s.%N`)
mp_elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# Installs docker.io (dockerd) and a static busybox when missing. Returns non-zero when it cannot.
mp_ensure_packages() {
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  if ! dpkg -s busybox-static >/dev/null 2>&1 && ! dpkg -s busybox >/dev/null 2>&1; then
    need+=(busybox-static)
  fi
  [ ${#need[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { mp_log "apt-get not available, cannot install ${need[*]}"; return 1; }
  local t0; t0=$(date +%s.%N)
  mp_log "installing ${need[*]} with apt-get …"
  export DEBIAN_FRONTEND=noninteractive
  # An index that has never been fetched finds nothing; fetch it once when needed.
  if ! apt-cache show "${need[@]}" >/dev/null 2>&1; then
    apt-get update -qq >&2 || { mp_log 'apt-get update failed'; return 1; }
  fi
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${need[@]}" >&2 || { mp_log 'apt-get install failed'; return 1; }
  MP_APT_SECONDS=$(mp_elapsed "$t0")
  mp_log "apt-get install took ${MP_APT_SECONDS}s"
}

# Prints the path of a static busybox binary. A dynamic Debian `busybox` is not replaced: the static
# one is then unpacked from its .deb into $MP_ROOT without installing it.
mp_static_busybox() {
  if dpkg -s busybox-static >/dev/null 2>&1; then
    echo /bin/busybox
    return 0
  fi
  (cd "$MP_ROOT" && apt-get download busybox-static >/dev/null 2>&1 && dpkg-deb -x busybox-static_*.deb bb >/dev/null) || return 1
  echo "$MP_ROOT/bb/bin/busybox"
}

# The CLI the transcripts were recorded with (28.x at /usr/local/bin) when present, else Debian's.
# MP_DOCKER_CLIS lists every working CLI, for transcripts recorded with another one.
mp_pick_cli() {
  local c
  MP_DOCKER_CLI=
  MP_DOCKER_CLIS=
  for c in /usr/local/bin/docker /usr/bin/docker; do
    if [ -x "$c" ] && "$c" --version >/dev/null 2>&1; then
      [ -n "$MP_DOCKER_CLI" ] || MP_DOCKER_CLI=$c
      MP_DOCKER_CLIS="${MP_DOCKER_CLIS:+$MP_DOCKER_CLIS:}$c"
    fi
  done
  [ -n "$MP_DOCKER_CLI" ]
}

mp_docker() { "$MP_DOCKER_CLI" "$@"; }

# Starts a private dockerd; sets MP_ROOT, MP_DATA_ROOT, MP_DAEMON_PID and exports DOCKER_HOST /
# DOCKER_CONFIG. Inside the private mount namespace of test-docker.sh (MP_IN_NAMESPACE=1) the temp
# data dir is bind-mounted at /var/lib/docker, visible to this process tree only, so volume
# Mountpoints read /var/lib/docker/volumes/NAME/_data as on a default install (and as the simulator
# prints them) while the host's /var/lib/docker is never touched.
mp_start_daemon() {
  MP_ROOT=$(mktemp -d /tmp/mp-dockerd.XXXXXX) || return 1
  mkdir -p "$MP_ROOT/data" "$MP_ROOT/exec" "$MP_ROOT/cli-config"
  MP_DATA_ROOT="$MP_ROOT/data"
  if [ -n "${MP_IN_NAMESPACE:-}" ] && [ -d /var/lib/docker ] && mount --bind "$MP_ROOT/data" /var/lib/docker; then
    MP_DATA_ROOT=/var/lib/docker
  fi
  export DOCKER_HOST="unix://$MP_ROOT/docker.sock"
  export DOCKER_CONFIG="$MP_ROOT/cli-config"
  unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
  local driver t0
  for driver in overlay2 vfs; do
    t0=$(date +%s.%N)
    dockerd --storage-driver="$driver" --iptables=false --ip6tables=false --bridge=none \
      --data-root "$MP_DATA_ROOT" --exec-root "$MP_ROOT/exec" --pidfile "$MP_ROOT/dockerd.pid" \
      -H "$DOCKER_HOST" >"$MP_ROOT/dockerd.log" 2>&1 &
    MP_DAEMON_PID=$!
    local i
    for i in $(seq 1 150); do
      if mp_docker version >/dev/null 2>&1; then
        MP_STORAGE_DRIVER=$driver
        MP_DAEMON_SECONDS=$(mp_elapsed "$t0")
        mp_log "dockerd (pid $MP_DAEMON_PID, $driver, data-root $MP_DATA_ROOT) ready in ${MP_DAEMON_SECONDS}s at $DOCKER_HOST"
        return 0
      fi
      kill -0 "$MP_DAEMON_PID" 2>/dev/null || break
      sleep 0.2
    done
    mp_log "dockerd with $driver did not come up; last log lines:"
    tail -n 15 "$MP_ROOT/dockerd.log" >&2
    mp_stop_daemon
  done
  return 1
}

# Stops only the daemon started above (by pid), after removing its containers so that no
# containerd-shim outlives it, then deletes the temp dir. Safe to call twice.
mp_stop_daemon() {
  if [ -n "$MP_DAEMON_PID" ] && kill -0 "$MP_DAEMON_PID" 2>/dev/null; then
    local ids
    ids=$(mp_docker ps -aq 2>/dev/null)
    # shellcheck disable=SC2086
    [ -n "$ids" ] && mp_docker rm -f -v $ids >/dev/null 2>&1
    kill -TERM "$MP_DAEMON_PID" 2>/dev/null
    local i
    for i in $(seq 1 100); do
      kill -0 "$MP_DAEMON_PID" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$MP_DAEMON_PID" 2>/dev/null; then
      mp_log "dockerd $MP_DAEMON_PID ignored SIGTERM for 20 s; sending SIGKILL"
      kill -KILL "$MP_DAEMON_PID" 2>/dev/null
    fi
    wait "$MP_DAEMON_PID" 2>/dev/null
    mp_log "stopped dockerd (pid $MP_DAEMON_PID)"
  fi
  MP_DAEMON_PID=
  if [ -n "$MP_ROOT" ] && [ -d "$MP_ROOT" ] && [ -z "${MP_KEEP_ROOT:-}" ]; then
    # overlay/shm mounts left by a killed daemon would make rm fail; unmount anything under MP_ROOT
    # (and the /var/lib/docker bind, which exists only in this mount namespace).
    awk -v r="$MP_ROOT" -v d="${MP_DATA_ROOT:-$MP_ROOT}" 'index($2, r) == 1 || index($2, d) == 1 { print $2 }' /proc/mounts |
      sort -r | while read -r m; do
        umount -l "$m" 2>/dev/null
      done
    rm -rf "$MP_ROOT"
  fi
  MP_ROOT=
}

# Builds the three conformance images exactly as TRANSCRIPT-FORMAT.md describes them.
mp_build_images() {
  local t0 bb rootfs a
  t0=$(date +%s.%N)
  bb=$(mp_static_busybox) || { mp_log 'no static busybox available'; return 1; }
  rootfs="$MP_ROOT/rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp"
  chmod 1777 "$rootfs/tmp"
  cp "$bb" "$rootfs/bin/busybox"
  for a in $("$rootfs/bin/busybox" --list); do
    [ "$a" = busybox ] || ln -s busybox "$rootfs/bin/$a"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'root:x:0:' >"$rootfs/etc/group"
  tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -c . |
    mp_docker import -c 'CMD ["sh"]' - busybox:latest >/dev/null || return 1
  local img
  for img in volume-demo web-demo; do
    DOCKER_BUILDKIT=0 mp_docker build -q -t "$img:latest" "$MP_IMAGES_DIR/$img" >/dev/null 2>"$MP_ROOT/build-$img.log" || {
      cat "$MP_ROOT/build-$img.log" >&2
      return 1
    }
  done
  MP_IMAGES_SECONDS=$(mp_elapsed "$t0")
  mp_log "built busybox, volume-demo, web-demo in ${MP_IMAGES_SECONDS}s"
}
