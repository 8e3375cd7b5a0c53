#!/usr/bin/env bash
# Builds Eider's images into the Docker engine at $DOCKER_HOST, with no registry:
#   build-images.sh base   local/debian:bookworm (debootstrap from the machine's own Debian mirror)
#                          and local/pause:3.2 (the pod sandbox, from the kube source's pause.c)
#   build-images.sh all    base, then eider/jre:17 and the project's images, tagged with the project
#                          version: eider/operator:<version> and eider/worker:<version>; needs
#                          `mvn -DskipTests package` first (they copy operator/target/quarkus-app and
#                          worker-image/target/eider-worker.jar). Prints the two image names.
# Docker's layer cache makes a rebuild with unchanged jars free; the debootstrap tree is cached as
# a tarball under $EIDER_CACHE_DIR/images.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EIDER_CACHE_DIR=${EIDER_CACHE_DIR:-/var/cache/eider}
EIDER_KUBE_DIR=${EIDER_KUBE_DIR:-$EIDER_CACHE_DIR/kube}
: "${DOCKER_HOST:?set DOCKER_HOST to the Docker engine to build into}"
export DOCKER_BUILDKIT=0
log() { echo "[build-images] $*" >&2; }
have() { docker image inspect "$1" >/dev/null 2>&1; }

base() {
  if ! have local/debian:bookworm; then
    local tar="$EIDER_CACHE_DIR/images/debian-bookworm.tar"
    if [ ! -s "$tar" ]; then
      local mirror tmp
      # The machine's own Debian mirror (the first deb entry it uses), never a host of ours.
      mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
      [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list)
      tmp=$(mktemp -d "$EIDER_CACHE_DIR/images.XXXXXX" 2>/dev/null || { mkdir -p "$EIDER_CACHE_DIR"; mktemp -d "$EIDER_CACHE_DIR/images.XXXXXX"; })
      log "debootstrap bookworm from $mirror"
      debootstrap --variant=minbase bookworm "$tmp/rootfs" "$mirror" >"$tmp/debootstrap.log" 2>&1 \
        || { tail -20 "$tmp/debootstrap.log" >&2; exit 1; }
      rm -f "$tmp"/rootfs/var/cache/apt/archives/*.deb
      if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        cp /etc/apt/sources.list.d/debian.sources "$tmp/rootfs/etc/apt/sources.list.d/"
        : > "$tmp/rootfs/etc/apt/sources.list"
      fi
      mkdir -p "$EIDER_CACHE_DIR/images"
      tar -C "$tmp/rootfs" -cf "$tar.part" . && mv "$tar.part" "$tar"
      rm -rf "$tmp"
    fi
    docker import "$tar" local/debian:bookworm >/dev/null
    log "local/debian:bookworm imported"
  fi
  if ! have local/pause:3.2; then
    local ctx; ctx=$(mktemp -d)
    cp "$EIDER_KUBE_DIR/k8s/1.20.2-linux-amd64/pause" "$ctx/pause"
    printf 'FROM scratch\nADD pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' > "$ctx/Dockerfile"
    docker build -q -t local/pause:3.2 "$ctx" >/dev/null
    rm -rf "$ctx"
    log "local/pause:3.2 built"
  fi
}

project() {
  local version
  version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)
  [ -f "$ROOT/worker-image/target/eider-worker.jar" ] && [ -f "$ROOT/operator/target/quarkus-app/quarkus-run.jar" ] \
    && compgen -G "$ROOT/worker-image/target/libduckdb_java.so_linux_*" >/dev/null \
    || { echo "build the jars first: mvn -DskipTests package" >&2; exit 1; }
  cd "$ROOT"
  docker build -q --network host --build-arg BASE_IMAGE=local/debian:bookworm -f images/jre/Dockerfile -t eider/jre:17 images/jre >/dev/null
  docker build -q --build-arg JRE_IMAGE=eider/jre:17 -f operator/Dockerfile -t "eider/operator:$version" . >/dev/null
  # The classic builder (DOCKER_BUILDKIT=0) sets no TARGETARCH; Debian's architecture names are Docker's.
  docker build -q --build-arg JRE_IMAGE=eider/jre:17 --build-arg "TARGETARCH=$(dpkg --print-architecture)" \
    -f worker-image/Dockerfile -t "eider/worker:$version" . >/dev/null
  echo "eider/operator:$version"
  echo "eider/worker:$version"
}

case "${1:-all}" in
  base) base ;;
  all) base; project ;;
  *) echo "usage: $0 base|all" >&2; exit 2 ;;
esac
