#!/usr/bin/env bash
# A private ClickHouse (Debian's clickhouse-server 18.16 or later) for the warehouse tests, on
# 127.0.0.1 with free ports, and a cluster `saleskit` of two shards on it (each shard its own
# database, shard1/shard2, reached through the server's own TCP port) for Distributed tables.
#   Tests/Warehouse/clickhouse.sh start   writes the config, starts; prints SALESKIT_CH_URL=...
#   Tests/Warehouse/clickhouse.sh stop    stops the server by the pid it wrote
#   Tests/Warehouse/clickhouse.sh url     prints the URL of the running server
# State lives in $SALESKIT_CH_DIR (default: .build/warehouse/clickhouse): config, data, log, ports, pid, url.
NAME=clickhouse DIR_OVERRIDE="${SALESKIT_CH_DIR:-}"
. "$(dirname "$0")/common.sh"
SERVER="${SALESKIT_CH_SERVER:-$(command -v clickhouse-server || echo /usr/bin/clickhouse-server)}"
start() {
  [ -x "$SERVER" ] || { echo "clickhouse-server not found (apt-get install clickhouse-server)" >&2; exit 1; }
  already_running SALESKIT_CH_URL && return 0
  mkdir -p "$DIR/data" "$DIR/tmp" "$DIR/user_files" "$DIR/format_schemas"
  local http tcp
  http=$(free_port 18123); tcp=$(free_port 19000)
  cat > "$DIR/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default>
    <saleskit><password>$PASSWORD</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></saleskit>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  cat > "$DIR/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$DIR/server.log</log><errorlog>$DIR/server.err.log</errorlog><size>100M</size><count>2</count></logger>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>64</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$DIR/data/</path>
  <tmp_path>$DIR/tmp/</tmp_path>
  <user_files_path>$DIR/user_files/</user_files_path>
  <format_schema_path>$DIR/format_schemas/</format_schema_path>
  <users_config>$DIR/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <remote_servers>
    <saleskit>
      <shard><replica><host>127.0.0.1</host><port>$tcp</port><user>saleskit</user><password>$PASSWORD</password><default_database>shard1</default_database></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$tcp</port><user>saleskit</user><password>$PASSWORD</password><default_database>shard2</default_database></replica></shard>
    </saleskit>
  </remote_servers>
</yandex>
XML
  if [ "$(id -u)" = 0 ] && id clickhouse >/dev/null 2>&1; then
    chown -R clickhouse "$DIR"
    runuser -u clickhouse -- "$SERVER" --config-file="$DIR/config.xml" --pid-file="$DIR/pid" --daemon
  else
    "$SERVER" --config-file="$DIR/config.xml" --pid-file="$DIR/pid" --daemon
  fi
  for _ in $(seq 1 150); do
    if curl -fsS "http://127.0.0.1:$http/?query=SELECT%201" >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$http/?query=SELECT%201" >/dev/null || { tail -20 "$DIR/server.err.log" >&2; exit 1; }
  echo "$http" > "$DIR/http_port"; echo "$tcp" > "$DIR/tcp_port"
  echo "clickhouse://saleskit:$PASSWORD@127.0.0.1:$http/default" > "$DIR/url"
  publish_url SALESKIT_CH_URL
}
stop() { stop_pid TERM ClickHouse; }
main "$@"
