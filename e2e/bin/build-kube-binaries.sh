#!/usr/bin/env bash
# Builds the Kubernetes the end-to-end tests run on: kube-apiserver, kube-controller-manager,
# kube-scheduler, the kubelet of the real node (e2e/bin/real-node.sh) and a kubectl of the same version (v1.20.2, from Debian bookworm's own `kubernetes` source package, built with Debian's Go) and
# Debian's etcd 3.4, laid out the way io.fabric8:kube-api-test expects them:
#   $EIDER_KUBE_DIR/k8s/1.20.2-linux-amd64/{etcd,kube-apiserver,kube-controller-manager,kube-scheduler,kubelet,kubectl}
# and the pod sandbox's `pause` (static, from the same source tree).
#
# Why from source: no Kubernetes release binaries can be downloaded on our build machines, but
# Debian's package sources can. Cold build ~17 min on 2 cores; idempotent (exits at once when the
# binaries are there), so keep EIDER_KUBE_DIR outside the checkout and reruns are free.
set -euo pipefail
EIDER_KUBE_DIR=${EIDER_KUBE_DIR:-/var/cache/eider/kube}
WORK=${EIDER_KUBE_SRC:-/var/cache/eider/kube-src}
VERSION_DEB=1.20.5+really1.20.2-1.1+deb12u1
D="$EIDER_KUBE_DIR/k8s/1.20.2-linux-amd64"
BINARIES="kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl"
missing=""
for b in $BINARIES etcd pause; do [ -x "$D/$b" ] || missing="$missing $b"; done
if [ -z "$missing" ]; then
  echo "kube binaries present in $D"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
# Source entries: the machine's own Debian entries, as deb-src (no new host is named).
if [ ! -f /etc/apt/sources.list.d/debian-src.sources ]; then
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
    | $SUDO tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq golang-go dpkg-dev rsync make etcd-server \
    golang-github-modern-go-reflect2-dev golang-github-json-iterator-go-dev gcc libc6-dev >/dev/null
mkdir -p "$WORK" && cd "$WORK"
if [ ! -d k8s ]; then
  apt-get source --download-only "kubernetes=$VERSION_DEB" >/dev/null
  dpkg-source -x "kubernetes_$VERSION_DEB.dsc" k8s >/dev/null
fi
cd k8s
# Go >= 1.18 with the vendored reflect2 v1.0.1 makes kube-apiserver segfault
# (runtime.mapiternext) while encoding responses; Debian's reflect2 1.0.2 and
# json-iterator 1.1.12 carry the fix.
for d in github.com/modern-go/reflect2 github.com/json-iterator/go; do
  rm -rf "vendor/$d"; cp -rL "/usr/share/gocode/src/$d" "vendor/$d"
  find "vendor/$d" -name '*_test.go' -delete
done
export GOPROXY=off CGO_ENABLED=0 HOME=${HOME:-/root} KUBE_GIT_VERSION=v1.20.2 KUBE_GIT_TREE_STATE=clean
# Only what is missing (a cache from before the real node has the control plane already).
what=""
for b in $missing; do case $b in etcd|pause) ;; *) what="$what cmd/$b";; esac; done
[ -z "$what" ] || make WHAT="${what# }"
mkdir -p "$D"
for b in $missing; do case $b in etcd|pause) ;; *) cp "_output/bin/$b" "$D/";; esac; done
# The real node's pod sandbox image runs this (e2e/bin/real-node.sh builds local/pause:3.2 from it).
gcc -Os -static -o "$D/pause" build/pause/linux/pause.c
cp /usr/bin/etcd "$D/etcd"
"$D/kube-apiserver" --version
