#!/usr/bin/env bash
# A real one-node Kubernetes v1.20.2 for the end-to-end tests: etcd, kube-apiserver (Node,RBAC
# authorization, a PodSecurityPolicy equal to the `restricted` Pod Security profile),
# kube-controller-manager, kube-scheduler, a dockerd of our own and a real kubelet (dockershim),
# pods on a CNI bridge. Images are built here (e2e/bin/build-images.sh); no registry is needed.
#
#   real-node.sh up     start a fresh node (stopping any earlier one; builds and installs what is missing first)
#   real-node.sh down   stop everything it started, by pid; remove its bridge, mounts and cgroups
#   real-node.sh env    print the variables the tests read (EIDER_CLUSTER_*, see e2e's ClusterTarget)
# `up` prints them too: eval "$(e2e/bin/real-node.sh up)".
#
# What it touches outside its own directories, and why nothing else:
#   - a bridge `eider0` (EIDER_NODE_BRIDGE) holding the host's address on the pod network
#     (EIDER_NODE_HOST_IP), so pods reach the API server and the tests' servers by a local address:
#     no IP forwarding, no NAT, no iptables (dockerd --iptables=false, kubelet
#     --make-iptables-util-chains=false, CNI isGateway/ipMasq false);
#   - cgroups /docker and /kubepods, removed by `down`;
#   - the kubelet runs in a private mount namespace with fake sysctl files bound over the three it
#     would otherwise rewrite for the whole machine; no negative oom_score_adj anywhere (this
#     machine lacks CAP_SYS_RESOURCE, so runc goes through a wrapper that raises them to 0).
# Kept between runs (warm runs pay nothing): the kube binaries ($EIDER_KUBE_DIR) and dockerd's
# images and build cache ($EIDER_CACHE_DIR/docker). Everything else lives in $EIDER_NODE_DIR and
# is recreated by every `up`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
EIDER_CACHE_DIR=${EIDER_CACHE_DIR:-/var/cache/eider}
export EIDER_KUBE_DIR=${EIDER_KUBE_DIR:-$EIDER_CACHE_DIR/kube}
NODE_DIR=${EIDER_NODE_DIR:-/run/eider-node}
BRIDGE=${EIDER_NODE_BRIDGE:-eider0}
SUBNET_PREFIX=${EIDER_NODE_SUBNET_PREFIX:-10.244.77}
HOST_IP=$SUBNET_PREFIX.1
API_PORT=${EIDER_NODE_API_PORT:-16443}
ETCD_PORT=${EIDER_NODE_ETCD_PORT:-12379}
BIN="$EIDER_KUBE_DIR/k8s/1.20.2-linux-amd64"
DOCKER_ROOT="$EIDER_CACHE_DIR/docker"
SOCK="$NODE_DIR/docker.sock"
PKI="$NODE_DIR/pki"
LOGS="$NODE_DIR/logs"

log() { echo "[real-node] $*" >&2; }

env_lines() {
  cat <<EOF
export EIDER_CLUSTER_KUBECONFIG=$NODE_DIR/admin.kubeconfig
export EIDER_CLUSTER_HOST_ADDRESS=$HOST_IP
export EIDER_CLUSTER_API_SERVER=$HOST_IP:$API_PORT
export EIDER_CLUSTER_DOCKER_HOST=unix://$SOCK
EOF
}

install_packages() {
  local missing=""
  command -v dockerd >/dev/null || missing="$missing docker.io"
  command -v runc >/dev/null || missing="$missing runc"
  command -v containerd >/dev/null || missing="$missing containerd"
  command -v debootstrap >/dev/null || missing="$missing debootstrap"
  [ -x /usr/lib/cni/bridge ] || missing="$missing containernetworking-plugins"
  command -v openssl >/dev/null || missing="$missing openssl"
  command -v ip >/dev/null || missing="$missing iproute2"
  command -v unshare >/dev/null || missing="$missing util-linux"
  command -v python3 >/dev/null || missing="$missing python3"
  if [ -n "$missing" ]; then
    log "installing Debian packages:$missing"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
}

# --- certificates: a CA, the API server's serving certificate, one client certificate per component
client_cert() { # name CN O
  local name=$1 cn=$2 org=${3:-}
  local subj="/CN=$cn"; [ -z "$org" ] || subj="/O=$org/CN=$cn"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 2 \
    -extfile <(printf 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment') -out "$PKI/$name.crt" 2>/dev/null
}

kubeconfig() { # file cert-name
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: real-node
  cluster: {server: "https://$HOST_IP:$API_PORT", certificate-authority: "$PKI/ca.crt"}
users:
- name: $2
  user: {client-certificate: "$PKI/$2.crt", client-key: "$PKI/$2.key"}
contexts:
- name: real-node
  context: {cluster: real-node, user: $2}
current-context: real-node
EOF
}

make_pki() {
  mkdir -p "$PKI"
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -subj "/CN=eider-real-node-ca" -days 2 -out "$PKI/ca.crt" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI/apiserver.key" -subj "/CN=kube-apiserver" -out "$PKI/apiserver.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/apiserver.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 2 -out "$PKI/apiserver.crt" \
    -extfile <(printf 'subjectAltName=IP:%s,IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth' "$HOST_IP") 2>/dev/null
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  client_cert admin eider-admin system:masters
  client_cert kubelet system:node:localhost system:nodes
  client_cert controller-manager system:kube-controller-manager
  client_cert scheduler system:kube-scheduler
  client_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
  kubeconfig "$NODE_DIR/admin.kubeconfig" admin
  kubeconfig "$NODE_DIR/kubelet.kubeconfig" kubelet
  kubeconfig "$NODE_DIR/controller-manager.kubeconfig" controller-manager
  kubeconfig "$NODE_DIR/scheduler.kubeconfig" scheduler
}

start() { # name command...   (background, pid in $NODE_DIR/pids/name.pid, log in $LOGS/name.log)
  local name=$1; shift
  setsid "$@" >"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$NODE_DIR/pids/$name.pid"
}

wait_for() { # description seconds command...
  local what=$1 seconds=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "$what not ready after ${seconds}s; last log lines:"; tail -n 20 "$LOGS"/*.log >&2 || true; return 1
    fi
    sleep 1
  done
}

kubectl_admin() { "$BIN/kubectl" --kubeconfig "$NODE_DIR/admin.kubeconfig" "$@"; }

network() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
  fi
  ip addr replace "$HOST_IP/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  mkdir -p "$NODE_DIR/cni-conf" "$NODE_DIR/cni-ipam"
  # isGateway false: the bridge plugin would otherwise turn on IP forwarding; pods reach the host's
  # address on the bridge directly (same subnet), which is all the tests need.
  cat > "$NODE_DIR/cni-conf/10-eider.conflist" <<EOF
{"cniVersion": "0.4.0", "name": "eider", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": false, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "dataDir": "$NODE_DIR/cni-ipam",
            "ranges": [[{"subnet": "$SUBNET_PREFIX.0/24", "rangeStart": "$SUBNET_PREFIX.10", "rangeEnd": "$SUBNET_PREFIX.250"}]]}},
  {"type": "loopback"}]}
EOF
}

runc_clamp() {
  # dockershim asks oom_score_adj -998 for sandboxes and Guaranteed pods; a negative value needs
  # CAP_SYS_RESOURCE, which this machine lacks ("can't get final child's PID from pipe: EOF").
  local runc; runc=$(command -v runc)
  cat > "$NODE_DIR/runc-clamp" <<EOF
#!/bin/bash
bundle=""; create=0; prev=""
for a in "\$@"; do
  case "\$prev" in --bundle|-b) bundle="\$a";; esac
  case "\$a" in create|run) create=1;; --bundle=*) bundle="\${a#--bundle=}";; esac
  prev="\$a"
done
if [ \$create = 1 ] && [ -n "\$bundle" ] && [ -f "\$bundle/config.json" ]; then
  python3 - "\$bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]; c = json.load(open(p)); pr = c.get('process') or {}
if pr.get('oomScoreAdj', 0) < 0:
    pr['oomScoreAdj'] = 0; json.dump(c, open(p, 'w'))
PY
fi
exec $runc "\$@"
EOF
  chmod +x "$NODE_DIR/runc-clamp"
}

start_docker() {
  mkdir -p "$DOCKER_ROOT" "$NODE_DIR/docker-exec"
  runc_clamp
  start dockerd dockerd --storage-driver=overlay2 --iptables=false --ip-forward=false --ip-masq=false --bridge=none \
    --oom-score-adjust=0 --data-root "$DOCKER_ROOT" --exec-root "$NODE_DIR/docker-exec" --pidfile "$NODE_DIR/dockerd.pid" \
    -H "unix://$SOCK" --default-ulimit nofile=10000:10000 --add-runtime clamp="$NODE_DIR/runc-clamp" --default-runtime clamp
  wait_for dockerd 60 docker -H "unix://$SOCK" info
}

start_control_plane() {
  start etcd "$BIN/etcd" --data-dir "$NODE_DIR/etcd" --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
    --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" --initial-cluster "default=http://127.0.0.1:$((ETCD_PORT + 1))"
  start kube-apiserver "$BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address "$HOST_IP" --advertise-address "$HOST_IP" --secure-port "$API_PORT" --insecure-port 0 \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" --client-ca-file "$PKI/ca.crt" \
    --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-account-issuer https://kubernetes.default.svc --service-cluster-ip-range 10.0.0.0/24 \
    --authorization-mode Node,RBAC --allow-privileged=true \
    --enable-admission-plugins NodeRestriction,PodSecurityPolicy,ServiceAccount,LimitRanger,ResourceQuota \
    --feature-gates TTLAfterFinished=true
  wait_for kube-apiserver 90 kubectl_admin get --raw /readyz
  start kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$NODE_DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$NODE_DIR/controller-manager.kubeconfig" --authorization-kubeconfig "$NODE_DIR/controller-manager.kubeconfig" \
    --leader-elect=false --port 0 --secure-port 0 --use-service-account-credentials=true \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --controllers '*,-csrsigning,-csrapproving,-csrcleaner' --feature-gates TTLAfterFinished=true
  start kube-scheduler "$BIN/kube-scheduler" --kubeconfig "$NODE_DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig "$NODE_DIR/scheduler.kubeconfig" --authorization-kubeconfig "$NODE_DIR/scheduler.kubeconfig" \
    --leader-elect=false --port 0 --secure-port 0
  kubectl_admin apply -f "$HERE/real-node/pod-security.yaml" >/dev/null
}

start_kubelet() {
  local root="$NODE_DIR/kubelet-root" fake="$NODE_DIR/fakesys"
  mkdir -p "$root" "$NODE_DIR/kubelet-pki" "$NODE_DIR/manifests" "$fake"
  echo 1 > "$fake/overcommit_memory"; echo 10 > "$fake/panic"; echo 1 > "$fake/panic_on_oops"
  # Shared, so the volumes the kubelet mounts (in its private namespace) reach dockerd.
  mountpoint -q "$root" || { mount --bind "$root" "$root" && mount --make-shared "$root"; }
  start kubelet unshare -m --propagation unchanged bash -c "
    mount --bind $fake/overcommit_memory /proc/sys/vm/overcommit_memory &&
    mount --bind $fake/panic /proc/sys/kernel/panic &&
    mount --bind $fake/panic_on_oops /proc/sys/kernel/panic_on_oops &&
    exec $BIN/kubelet --kubeconfig=$NODE_DIR/kubelet.kubeconfig \
      --network-plugin=cni --cni-conf-dir=$NODE_DIR/cni-conf --cni-bin-dir=/usr/lib/cni \
      --pod-manifest-path=$NODE_DIR/manifests --root-dir=$root --cert-dir=$NODE_DIR/kubelet-pki \
      --container-runtime=docker --docker-endpoint=unix://$SOCK --pod-infra-container-image=local/pause:3.2 \
      --fail-swap-on=false --cgroup-driver=cgroupfs --cgroups-per-qos=true \
      --address=127.0.0.1 --port=10250 --read-only-port=0 --healthz-bind-address=127.0.0.1 --healthz-port=10248 \
      --make-iptables-util-chains=false --oom-score-adj=0 --hostname-override=localhost \
      --node-ip=$HOST_IP --image-gc-high-threshold=100 --eviction-hard= --v=1"
  wait_for "node localhost Ready" 120 bash -c \
    "'$BIN/kubectl' --kubeconfig '$NODE_DIR/admin.kubeconfig' get node localhost -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
}

up() {
  # Always a fresh node: a run must not inherit the objects of an earlier one.
  down >/dev/null 2>&1 || true
  local started; started=$(date +%s)
  install_packages
  bash "$HERE/build-kube-binaries.sh" >&2
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR/pids" "$LOGS"
  make_pki
  network
  start_docker
  DOCKER_HOST="unix://$SOCK" bash "$HERE/build-images.sh" base >&2
  start_control_plane
  start_kubelet
  log "up after $(( $(date +%s) - started )) s (logs in $LOGS)"
  env_lines
}

stop_pid() { # name
  local f="$NODE_DIR/pids/$1.pid"
  [ -f "$f" ] || return 0
  local pid; pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

remove_cgroups() { # remove a cgroup tree depth-first in every v1 hierarchy
  local h
  for h in /sys/fs/cgroup/*/; do
    for top in docker kubepods; do
      [ -d "$h$top" ] || continue
      find "$h$top" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    done
  done
}

down() {
  [ -d "$NODE_DIR" ] || { log "nothing to stop"; return 0; }
  stop_pid kubelet
  if [ -S "$SOCK" ]; then
    local ids; ids=$(docker -H "unix://$SOCK" ps -aq 2>/dev/null || true)
    [ -z "$ids" ] || docker -H "unix://$SOCK" rm -f $ids >/dev/null 2>&1 || true
  fi
  for name in kube-scheduler kube-controller-manager kube-apiserver etcd dockerd; do stop_pid "$name"; done
  # Volumes the kubelet mounted (secrets on tmpfs, emptyDirs) and our own bind mount, deepest first.
  local m
  for m in $(awk -v dir="$NODE_DIR/" 'index($2, dir) == 1 {print $2}' /proc/self/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  ip link show "$BRIDGE" >/dev/null 2>&1 && ip link delete "$BRIDGE" || true
  remove_cgroups
  log "down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) env_lines ;;
  *) echo "usage: $0 up|down|env" >&2; exit 2 ;;
esac
