#!/usr/bin/env bash
# Switches the hub between its two slots (Deployments hub-v1 and hub-v2), or sets the canary share.
#
#   blue-green-switch.sh [-n NAMESPACE] [--force] v1|v2   blue-green: all traffic to one slot
#   blue-green-switch.sh [-n NAMESPACE] canary PERCENT    canary: both slots serve, PERCENT % to v2
#   blue-green-switch.sh [-n NAMESPACE] status            what the Service and the VirtualService say now
#
# The hub Service's selector decides which pods are endpoints at all; Istio's VirtualService "hub" decides how
# traffic is split between the slots (subsets v1/v2). Both are kept consistent, in an order that never routes a
# request to a slot without endpoints:
#   switch to vN: Service spans both slots -> VirtualService sends 100 % to vN -> Service pinned to version vN
#   canary P:     Service spans both slots -> VirtualService sends (100-P) % to v1 and P % to v2
# A switch refuses a target slot with fewer ready pods than the slot it replaces (scale it up first, or --force).
# Environment: NAMESPACE (default mobility-prod), KUBECTL (default kubectl), SETTLE_SECONDS (default 10: time
# for Envoy to receive the new routes before the Service is pinned).
set -euo pipefail

NAMESPACE=${NAMESPACE:-mobility-prod}
KUBECTL=${KUBECTL:-kubectl}
SETTLE_SECONDS=${SETTLE_SECONDS:-10}
FORCE=false

die() {
  echo "blue-green-switch: $*" >&2
  exit 1
}

usage() {
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

k() {
  "$KUBECTL" -n "$NAMESPACE" "$@"
}

ready_pods() {
  local ready
  ready=$(k get deployment "hub-$1" -o 'jsonpath={.status.readyReplicas}') || die "no Deployment hub-$1"
  echo "${ready:-0}"
}

has_virtual_service() {
  k get virtualservice hub -o name >/dev/null 2>&1
}

# Replaces the weighted destinations of the VirtualService's route named "default" (http[2]).
set_weights() {
  local v1=$1 v2=$2 name
  name=$(k get virtualservice hub -o 'jsonpath={.spec.http[2].name}')
  [[ "$name" == "default" ]] || die "VirtualService hub: http[2] is '$name', expected the 'default' route"
  k patch virtualservice hub --type=json -p "[{\"op\":\"replace\",\"path\":\"/spec/http/2/route\",\"value\":[\
{\"destination\":{\"host\":\"hub\",\"subset\":\"v1\",\"port\":{\"number\":8080}},\"weight\":$v1},\
{\"destination\":{\"host\":\"hub\",\"subset\":\"v2\",\"port\":{\"number\":8080}},\"weight\":$v2}]}]"
  echo "VirtualService hub: v1 ${v1} %, v2 ${v2} %"
}

span_service() {
  if [[ -n "$(k get service hub -o 'jsonpath={.spec.selector.version}')" ]]; then
    k patch service hub --type=json -p '[{"op":"remove","path":"/spec/selector/version"}]'
    echo "Service hub: selects both slots"
  fi
}

pin_service() {
  k patch service hub --type=merge -p "{\"spec\":{\"selector\":{\"app\":\"hub\",\"version\":\"$1\"}}}"
  echo "Service hub: selects version $1 only"
}

switch_to() {
  local target=$1 other ready_target ready_other
  [[ "$target" == v1 ]] && other=v2 || other=v1
  ready_target=$(ready_pods "$target")
  ready_other=$(ready_pods "$other")
  if [[ "$ready_target" -lt 1 ]]; then
    die "hub-$target has no ready pod"
  fi
  if [[ "$ready_target" -lt "$ready_other" && "$FORCE" != true ]]; then
    die "hub-$target has $ready_target ready pods, hub-$other serves with $ready_other: scale hub-$target up first (or --force)"
  fi
  span_service
  if has_virtual_service; then
    if [[ "$target" == v1 ]]; then set_weights 100 0; else set_weights 0 100; fi
    sleep "$SETTLE_SECONDS"
  fi
  pin_service "$target"
  echo "The hub now serves from slot $target. Roll back with: $0 -n $NAMESPACE $other"
}

canary() {
  local percent=$1
  [[ "$percent" =~ ^[0-9]+$ && "$percent" -le 100 ]] || die "canary PERCENT must be 0..100, not '$percent'"
  has_virtual_service || die "a canary needs Istio's VirtualService hub"
  if [[ "$percent" -gt 0 && "$(ready_pods v2)" -lt 1 ]]; then
    die "hub-v2 has no ready pod"
  fi
  span_service
  set_weights "$((100 - percent))" "$percent"
}

status() {
  echo "Service hub selector version: $(k get service hub -o 'jsonpath={.spec.selector.version}' | sed 's/^$/(both slots)/')"
  echo "ready pods: hub-v1 $(ready_pods v1), hub-v2 $(ready_pods v2)"
  if has_virtual_service; then
    echo "VirtualService hub default route: $(k get virtualservice hub \
      -o 'jsonpath={range .spec.http[2].route[*]}{.destination.subset}={.weight}% {end}')"
  fi
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -n | --namespace) NAMESPACE=${2:?}; shift 2 ;;
    --force) FORCE=true; shift ;;
    -h | --help) usage ;;
    *) break ;;
  esac
done

case "${1:-}" in
  v1 | v2) switch_to "$1" ;;
  canary) canary "${2:-}" ;;
  status) status ;;
  *) usage ;;
esac
