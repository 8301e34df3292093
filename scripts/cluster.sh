#!/usr/bin/env bash
# ./beamline cluster flink|spark start|stop|status
#
# Local standalone clusters assembled from Maven Central jars (no Flink or Spark distribution is
# needed): a Flink session cluster (JobManager + TaskManager, REST and web UI on 8081) and a Spark
# master + worker (UIs on 8080 and 8082). Everything listens on 127.0.0.1 only; state, logs and pid
# files live under .beamline/<engine>/ in the checkout. `stop` only stops processes this script
# started (pid file and command line both checked).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${BEAMLINE_STATE_DIR:-$ROOT/.beamline}"
FLINK_LIB="$ROOT/clusters/flink/target/lib"
SPARK_HOME_DIR="$ROOT/clusters/spark/target/spark-home"
FLINK_REST_PORT="${BEAMLINE_FLINK_REST_PORT:-8081}"
FLINK_RPC_PORT="${BEAMLINE_FLINK_RPC_PORT:-6123}"
SPARK_MASTER_PORT="${BEAMLINE_SPARK_MASTER_PORT:-7077}"
SPARK_MASTER_UI_PORT="${BEAMLINE_SPARK_MASTER_UI_PORT:-8080}"
SPARK_WORKER_UI_PORT="${BEAMLINE_SPARK_WORKER_UI_PORT:-8082}"
START_TIMEOUT_S="${BEAMLINE_CLUSTER_START_TIMEOUT:-90}"

# Java 17 module flags: Flink's own defaults for Java 17 plus what Spark's launcher adds.
JAVA17_OPENS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
)

say() { echo "beamline cluster: $*" >&2; }
die() { say "$*"; exit 2; }

# GET a loopback URL; curl when present, else plain bash over /dev/tcp (HTTP/1.0, 200 only).
http_get() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 3 "$1" 2>/dev/null
    return
  fi
  local rest="${1#http://}" hostport path
  hostport="${rest%%/*}"; path="/${rest#*/}"
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/${1%:*}/${1##*:}" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$2" "$1" >&3
    IFS= read -r status <&3
    [[ "$status" == *" 200 "* ]] || exit 1
    while IFS= read -r line <&3; do [[ "$line" == $'"'"'\r'"'"' || -z "$line" ]] && break; done
    cat <&3' _ "$hostport" "$path" 2>/dev/null
}

# True when the pid in file $1 is alive and its command line mentions $2 (so a recycled pid of
# somebody else's process is never signalled).
is_ours() {
  local pidfile="$1" marker="$2" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$marker"
}

stop_pid() {
  local pidfile="$1" marker="$2" name="$3" pid
  if is_ours "$pidfile" "$marker"; then
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      [[ -d "/proc/$pid" ]] || break
      sleep 0.25
    done
    if [[ -d "/proc/$pid" ]]; then
      say "$name did not stop within 15 s: SIGKILL"
      kill -9 "$pid" 2>/dev/null || true
    fi
    say "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------- Flink
FLINK_DIR="$STATE/flink"
FLINK_MARKER="$FLINK_DIR/conf"

flink_lib() {
  if [[ ! -d "$FLINK_LIB" ]]; then
    say "assembling the Flink cluster jars (once)..."
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never package -f clusters/flink/pom.xml) >&2
  fi
}

flink_conf() {
  mkdir -p "$FLINK_DIR/conf" "$FLINK_DIR/log" "$FLINK_DIR/checkpoints" "$FLINK_DIR/savepoints" "$FLINK_DIR/tmp"
  cat > "$FLINK_DIR/conf/config.yaml" <<EOF
# Written by ./beamline cluster flink start; edits are overwritten at the next start.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 1024m
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.memory.process.size: ${BEAMLINE_FLINK_TM_MEMORY:-2048m}
taskmanager.numberOfTaskSlots: ${BEAMLINE_FLINK_SLOTS:-2}
# Beam batch jobs chain many operators per slot; Flink's default network share (~128 MB) ran out
# of buffers ("Insufficient number of network buffers") on sensor-stats.
taskmanager.memory.network.fraction: 0.2
taskmanager.memory.network.min: 256mb
taskmanager.memory.network.max: 512mb
parallelism.default: 2
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $FLINK_REST_PORT
io.tmp.dirs: $FLINK_DIR/tmp
state.checkpoints.dir: file://$FLINK_DIR/checkpoints
state.savepoints.dir: file://$FLINK_DIR/savepoints
# A TaskManager killed with SIGKILL answers no heartbeat: the JobManager declares it lost after
# heartbeat.rpc-failure-threshold (2) failed heartbeat RPCs, or at the latest after the timeout.
# With Flink's defaults (10 s interval, 50 s timeout) that takes 10-50 s; a 2 s interval noticed a
# killed TaskManager in 3-4 s (FlinkTaskManagerRecoveryIT), the 15 s timeout tolerates a GC pause.
heartbeat.interval: 2000
heartbeat.timeout: 15000
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 10
restart-strategy.fixed-delay.delay: 2s
EOF
  cat > "$FLINK_DIR/conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.metrics.name = org.apache.flink.metrics.MetricGroup
logger.metrics.level = ERROR
EOF
}

# Flink's scripts compute JVM memory flags and dynamic properties with BashJavaUtils; so do we.
flink_resource_params() {
  local kind="$1"
  java -cp "$FLINK_LIB/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$kind" \
    --configDir "$FLINK_DIR/conf" 2>/dev/null | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

flink_start_process() {
  local name="$1" main="$2" kind="$3"
  local params jvm dyn
  params="$(flink_resource_params "$kind")"
  jvm="$(sed -n 1p <<<"$params")"
  dyn="$(sed -n 2p <<<"$params")"
  [[ -n "$jvm" ]] || die "could not compute $name memory settings (see $FLINK_DIR/conf/config.yaml)"
  # shellcheck disable=SC2086
  # exec: the background pid is the JVM itself, so the pid file names the right process.
  (cd "$ROOT" && exec java "${JAVA17_OPENS[@]}" $jvm \
      -Dlog.file="$FLINK_DIR/log/$name.log" \
      -Dlog4j.configurationFile="file:$FLINK_DIR/conf/log4j.properties" \
      -cp "$FLINK_LIB/*" "$main" --configDir "$FLINK_DIR/conf" $dyn) \
      > "$FLINK_DIR/log/$name.out" 2>&1 < /dev/null &
  echo $! > "$FLINK_DIR/$name.pid"
}

# The ids of the TaskManagers registered now, one a line (sorted).
flink_taskmanager_ids() {
  http_get "http://127.0.0.1:$FLINK_REST_PORT/taskmanagers" | grep -o '"id":"[^"]*"' | sort || true
}

flink_start() {
  # A TaskManager that died (e.g. SIGKILL) stays listed until the JobManager notices it is gone:
  # wait for one that was not there before, not just for any.
  local before=""
  if is_ours "$FLINK_DIR/jobmanager.pid" "$FLINK_MARKER"; then
    if ! is_ours "$FLINK_DIR/taskmanager.pid" "$FLINK_MARKER"; then
      before="$(flink_taskmanager_ids)"
      flink_start_taskmanager
    else
      say "Flink cluster already running: http://127.0.0.1:$FLINK_REST_PORT"
      return 0
    fi
  else
    port_in_use "$FLINK_REST_PORT" && die "port $FLINK_REST_PORT is taken by another process; set BEAMLINE_FLINK_REST_PORT"
    flink_lib
    flink_conf
    say "starting Flink JobManager..."
    flink_start_process jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
    flink_start_taskmanager
  fi
  local waited=0
  until [[ -n "$(comm -13 <(echo "$before") <(flink_taskmanager_ids))" ]]; do
    if (( waited >= START_TIMEOUT_S * 4 )); then
      die "no TaskManager registered within ${START_TIMEOUT_S}s; logs: $FLINK_DIR/log/"
    fi
    is_ours "$FLINK_DIR/jobmanager.pid" "$FLINK_MARKER" || die "the JobManager exited; see $FLINK_DIR/log/jobmanager.out and .log"
    sleep 0.25; waited=$((waited + 1))
  done
  say "Flink cluster up: web UI and REST at http://127.0.0.1:$FLINK_REST_PORT (logs in $FLINK_DIR/log)"
  echo "127.0.0.1:$FLINK_REST_PORT"
}

flink_start_taskmanager() {
  say "starting Flink TaskManager..."
  flink_start_process taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS
}

flink_stop() {
  stop_pid "$FLINK_DIR/taskmanager.pid" "$FLINK_MARKER" "Flink TaskManager"
  stop_pid "$FLINK_DIR/jobmanager.pid" "$FLINK_MARKER" "Flink JobManager"
}

flink_status() {
  local jm="stopped" tm="stopped"
  is_ours "$FLINK_DIR/jobmanager.pid" "$FLINK_MARKER" && jm="running (pid $(cat "$FLINK_DIR/jobmanager.pid"))"
  is_ours "$FLINK_DIR/taskmanager.pid" "$FLINK_MARKER" && tm="running (pid $(cat "$FLINK_DIR/taskmanager.pid"))"
  echo "jobmanager:  $jm"
  echo "taskmanager: $tm"
  local overview
  if overview="$(http_get "http://127.0.0.1:$FLINK_REST_PORT/overview")"; then
    echo "rest:        http://127.0.0.1:$FLINK_REST_PORT/overview -> $overview"
    echo "jobs:        $(http_get "http://127.0.0.1:$FLINK_REST_PORT/jobs/overview")"
  else
    echo "rest:        no answer at http://127.0.0.1:$FLINK_REST_PORT"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------- Spark
SPARK_DIR="$STATE/spark"
SPARK_MARKER="$SPARK_DIR/work"

spark_home() {
  if [[ ! -d "$SPARK_HOME_DIR/jars" ]]; then
    say "assembling the Spark cluster jars (once)..."
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never package -f clusters/spark/pom.xml) >&2
  fi
  mkdir -p "$SPARK_HOME_DIR/conf" "$SPARK_DIR/work" "$SPARK_DIR/log"
  cat > "$SPARK_HOME_DIR/conf/log4j2.properties" <<'EOF'
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
logger.master.name = org.apache.spark.deploy
logger.master.level = info
EOF
}

spark_start_process() {
  local name="$1"; shift
  # SPARK_SCALA_VERSION: without it the executor launcher looks for a source build tree and fails
  # with "Cannot find any build directories".
  (cd "$ROOT" && SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 exec java "${JAVA17_OPENS[@]}" -Xmx512m \
      -Dspark.worker.cleanup.enabled=true \
      -Dlog4j.configurationFile="file:$SPARK_HOME_DIR/conf/log4j2.properties" \
      -cp "$SPARK_HOME_DIR/conf:$SPARK_HOME_DIR/jars/*" "$@") \
      > "$SPARK_DIR/log/$name.out" 2>&1 < /dev/null &
  echo $! > "$SPARK_DIR/$name.pid"
}

spark_alive_workers() {
  http_get "http://127.0.0.1:$SPARK_MASTER_UI_PORT/json/" | tr -d ' \n' \
    | sed -n 's/.*"aliveworkers":\([0-9]*\).*/\1/p'
}

spark_start() {
  if is_ours "$SPARK_DIR/master.pid" "$SPARK_MARKER" && is_ours "$SPARK_DIR/worker.pid" "$SPARK_MARKER"; then
    say "Spark cluster already running: spark://127.0.0.1:$SPARK_MASTER_PORT"
    echo "spark://127.0.0.1:$SPARK_MASTER_PORT"
    return 0
  fi
  spark_home
  if ! is_ours "$SPARK_DIR/master.pid" "$SPARK_MARKER"; then
    port_in_use "$SPARK_MASTER_PORT" && die "port $SPARK_MASTER_PORT is taken by another process; set BEAMLINE_SPARK_MASTER_PORT"
    say "starting Spark master..."
    # The work dir on the command line is the marker that says the process is ours.
    spark_start_process master -Dbeamline.marker="$SPARK_MARKER" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$SPARK_MASTER_PORT" --webui-port "$SPARK_MASTER_UI_PORT"
  fi
  if ! is_ours "$SPARK_DIR/worker.pid" "$SPARK_MARKER"; then
    say "starting Spark worker..."
    spark_start_process worker org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
      --webui-port "$SPARK_WORKER_UI_PORT" --cores "${BEAMLINE_SPARK_WORKER_CORES:-2}" \
      --memory "${BEAMLINE_SPARK_WORKER_MEMORY:-2g}" --work-dir "$SPARK_MARKER" \
      "spark://127.0.0.1:$SPARK_MASTER_PORT"
  fi
  local waited=0
  until [[ "$(spark_alive_workers)" -ge 1 ]] 2>/dev/null; do
    if (( waited >= START_TIMEOUT_S * 4 )); then
      die "no Spark worker registered within ${START_TIMEOUT_S}s; logs: $SPARK_DIR/log/"
    fi
    is_ours "$SPARK_DIR/master.pid" "$SPARK_MARKER" || die "the Spark master exited; see $SPARK_DIR/log/master.out"
    sleep 0.25; waited=$((waited + 1))
  done
  say "Spark cluster up: master spark://127.0.0.1:$SPARK_MASTER_PORT, UIs http://127.0.0.1:$SPARK_MASTER_UI_PORT and http://127.0.0.1:$SPARK_WORKER_UI_PORT"
  echo "spark://127.0.0.1:$SPARK_MASTER_PORT"
}

spark_stop() {
  stop_pid "$SPARK_DIR/worker.pid" "$SPARK_MARKER" "Spark worker"
  stop_pid "$SPARK_DIR/master.pid" "$SPARK_MARKER" "Spark master"
}

spark_status() {
  local m="stopped" w="stopped"
  is_ours "$SPARK_DIR/master.pid" "$SPARK_MARKER" && m="running (pid $(cat "$SPARK_DIR/master.pid"))"
  is_ours "$SPARK_DIR/worker.pid" "$SPARK_MARKER" && w="running (pid $(cat "$SPARK_DIR/worker.pid"))"
  echo "master: $m"
  echo "worker: $w"
  local json
  if json="$(http_get "http://127.0.0.1:$SPARK_MASTER_UI_PORT/json/")"; then
    echo "ui:     http://127.0.0.1:$SPARK_MASTER_UI_PORT/json/ -> $(tr -d '\n' <<<"$json" | tr -s ' ' | cut -c1-400)"
  else
    echo "ui:     no answer at http://127.0.0.1:$SPARK_MASTER_UI_PORT"
    return 1
  fi
}

# ----------------------------------------------------------------------------------------- main
usage() { die "usage: beamline cluster flink|spark start|stop|status"; }
[[ $# -eq 2 ]] || usage
command -v java >/dev/null 2>&1 || die "java not found"
case "$1:$2" in
  flink:start) flink_start ;;
  flink:stop) flink_stop ;;
  flink:status) flink_status ;;
  spark:start) spark_start ;;
  spark:stop) spark_stop ;;
  spark:status) spark_status ;;
  *) usage ;;
esac
