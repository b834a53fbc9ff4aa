#!/usr/bin/env bash
# A private Spark standalone cluster for the warehouse tests, all on 127.0.0.1 with free ports:
# a master, two workers (one core each) and a Spark Connect server (gRPC) whose driver runs its
# jobs on the cluster. Spark is pyspark 4.x from PyPI (it carries the master/worker classes and the
# Spark Connect server); Java 17 comes from Debian when `java` is missing.
#   Tests/Warehouse/spark.sh start   installs what is missing, starts, waits for Spark Connect; prints SALESKIT_SPARK_URL=...
#   Tests/Warehouse/spark.sh stop    stops the four processes by the pids it wrote
#   Tests/Warehouse/spark.sh url     prints the URL of the running server
#   Tests/Warehouse/spark.sh home    prints SPARK_HOME (installing pyspark if needed)
# State lives in $SALESKIT_SPARK_DIR (default: .build/warehouse/spark): conf/, logs/, work*/, local/,
# warehouse/ (spark.sql.warehouse.dir), data/ (files the tests load), ports, pids, url.
# pyspark is installed into $SALESKIT_SPARK_PYTHONPATH (default: .build/warehouse/pyspark-4.3.0)
# unless $SPARK_HOME is set. Memory: $SALESKIT_SPARK_EXECUTOR_MEMORY per worker (default 2g),
# $SALESKIT_SPARK_DRIVER_MEMORY for the Connect server's driver (default 2g).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${SALESKIT_SPARK_DIR:-$ROOT/.build/warehouse/spark}"
PYSPARK_VERSION="${SALESKIT_PYSPARK_VERSION:-4.3.0}"
TARGET="${SALESKIT_SPARK_PYTHONPATH:-$ROOT/.build/warehouse/pyspark-$PYSPARK_VERSION}"
EXECUTOR_MEMORY="${SALESKIT_SPARK_EXECUTOR_MEMORY:-2g}"
DRIVER_MEMORY="${SALESKIT_SPARK_DRIVER_MEMORY:-2g}"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

free_port() {
  local p
  for p in $(seq "$1" "$(( $1 + 100 ))"); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && ! grep -qx "$p" "$DIR"/ports.taken 2>/dev/null; then
      echo "$p" >> "$DIR/ports.taken"; echo "$p"; return 0
    fi
  done
  echo "no free port from $1" >&2; return 1
}

ensure_java() {
  command -v java >/dev/null 2>&1 && return 0
  echo "Installing Java 17 (openjdk-17-jre-headless)"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless
}

# SPARK_HOME: $SPARK_HOME, or pyspark installed with pip into $TARGET (once).
spark_home() {
  if [ -n "${SPARK_HOME:-}" ]; then echo "$SPARK_HOME"; return 0; fi
  if [ ! -x "$TARGET/pyspark/bin/spark-class" ]; then
    local python; python="$(command -v python3 || true)"
    if [ -z "$python" ] || ! "$python" -m pip --version >/dev/null 2>&1; then
      echo "Installing python3-pip" >&2
      $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip >&2
      python="$(command -v python3)"
    fi
    echo "Installing pyspark $PYSPARK_VERSION into $TARGET" >&2
    mkdir -p "$TARGET"
    # --target needs no venv; PIP_BREAK_SYSTEM_PACKAGES lets Debian's pip write outside its own tree.
    PIP_BREAK_SYSTEM_PACKAGES=1 "$python" -m pip install -q --disable-pip-version-check --no-deps \
      --target "$TARGET" "pyspark==$PYSPARK_VERSION" >&2
  fi
  echo "$TARGET/pyspark"
}

running() { [ -f "$DIR/pids" ] && kill -0 "$(tail -1 "$DIR/pids")" 2>/dev/null; }

start() {
  if running && [ -f "$DIR/url" ]; then
    echo "SALESKIT_SPARK_URL=$(cat "$DIR/url")"; return 0
  fi
  [ -f "$DIR/pids" ] && stop >/dev/null
  ensure_java
  local home; home="$(spark_home)"
  local began=$SECONDS
  rm -rf "$DIR/warehouse"  # the catalog is in memory: tables of an earlier run are gone, so are their files
  mkdir -p "$DIR/conf" "$DIR/logs" "$DIR/work1" "$DIR/work2" "$DIR/local" "$DIR/warehouse" "$DIR/data" "$DIR/tmp"
  : > "$DIR/ports.taken"; : > "$DIR/pids"
  local master ui w1 w2 connect
  master=$(free_port 17077); ui=$(free_port 18080); w1=$(free_port 18180); w2=$(free_port 18280); connect=$(free_port 15002)
  cat > "$DIR/conf/spark-defaults.conf" <<CONF
spark.master                                 spark://127.0.0.1:$master
spark.driver.host                            127.0.0.1
spark.driver.bindAddress                     127.0.0.1
spark.driver.memory                          $DRIVER_MEMORY
spark.executor.memory                        $EXECUTOR_MEMORY
spark.sql.warehouse.dir                      $DIR/warehouse
spark.local.dir                              $DIR/local
spark.ui.enabled                             false
spark.sql.session.timeZone                   UTC
spark.sql.shuffle.partitions                 4
spark.connect.grpc.binding.address           127.0.0.1
spark.connect.grpc.binding.port              $connect
spark.connect.grpc.maxInboundMessageSize     268435456
spark.driver.extraJavaOptions                -Djava.io.tmpdir=$DIR/tmp -Duser.timezone=UTC
spark.executor.extraJavaOptions              -Djava.io.tmpdir=$DIR/tmp -Duser.timezone=UTC
CONF
  export SPARK_HOME="$home" SPARK_CONF_DIR="$DIR/conf" SPARK_LOG_DIR="$DIR/logs" SPARK_PID_DIR="$DIR"
  # The master and workers are light: a small heap and the client compiler start them faster.
  export SPARK_DAEMON_MEMORY=512m SPARK_DAEMON_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.io.tmpdir=$DIR/tmp"
  export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$DIR/local" SPARK_MASTER_HOST=127.0.0.1 SPARK_NO_DAEMONIZE=1
  cd "$DIR"
  nohup "$home/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master" \
    --webui-port "$ui" > "$DIR/logs/master.log" 2>&1 &
  echo $! >> "$DIR/pids"
  for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/"$master") 2>/dev/null && break; sleep 0.2; done
  local n port
  for n in 1 2; do
    port=$w1; [ "$n" = 2 ] && port=$w2
    nohup "$home/bin/spark-class" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port "$port" \
      --cores 1 --memory "$EXECUTOR_MEMORY" --work-dir "$DIR/work$n" "spark://127.0.0.1:$master" \
      > "$DIR/logs/worker$n.log" 2>&1 &
    echo $! >> "$DIR/pids"
  done
  nohup "$home/bin/spark-submit" --class org.apache.spark.sql.connect.service.SparkConnectServer \
    --name "SalesKit Spark Connect" > "$DIR/logs/connect.log" 2>&1 &
  echo $! >> "$DIR/pids"
  # The workers and the Connect server start together; ready when Connect answers and both
  # workers are registered with the master.
  for _ in $(seq 1 900); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$connect") 2>/dev/null && [ "$(curl -fsS "http://127.0.0.1:$ui/json/" 2>/dev/null \
         | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$')" = 2 ]; then break; fi
    kill -0 "$(tail -1 "$DIR/pids")" 2>/dev/null || break
    sleep 0.2
  done
  if ! (exec 3<>/dev/tcp/127.0.0.1/"$connect") 2>/dev/null; then
    echo "Spark Connect did not come up on 127.0.0.1:$connect; the logs:" >&2
    tail -30 "$DIR/logs/connect.log" "$DIR/logs/master.log" >&2
    stop >&2; exit 1
  fi
  echo "$master" > "$DIR/master_port"; echo "$connect" > "$DIR/connect_port"
  echo "spark://127.0.0.1:$connect" > "$DIR/url"
  echo "Spark cluster (master + 2 workers + Spark Connect) up in $(( SECONDS - began )) s" >&2
  echo "SALESKIT_SPARK_URL=$(cat "$DIR/url")"
}

stop() {
  [ -f "$DIR/pids" ] || { echo "no Spark started here ($DIR/pids missing)"; return 0; }
  local pid
  # The Connect server (its driver) first, then the workers (they end their executors), then the master.
  for pid in $(tac "$DIR/pids"); do
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  done
  rm -f "$DIR/pids" "$DIR/url" "$DIR/ports.taken"
  echo "Spark stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) cat "$DIR/url" ;;
  home) ensure_java >&2; spark_home ;;
  *) echo "usage: $0 start|stop|url|home" >&2; exit 2 ;;
esac
