#!/usr/bin/env bash
# Regenerates the Swift code of the Spark Connect protocol subset (Protos/spark/connect/saleskit_subset.proto)
# into Generated/. Run by hand when the subset changes, never in CI (the plugins are built outside the repo):
#   Sources/SparkConnectProtocol/generate.sh PLUGIN_DIR [SPARK_CONNECT_JAR]
# PLUGIN_DIR holds protoc-gen-swift (apple/swift-protobuf 1.39.0) and protoc-gen-grpc-swift-2
# (grpc/grpc-swift-protobuf 2.4.1), e.g. built in a scratch package with
#   swift build -c release --product protoc-gen-swift && swift build -c release --product protoc-gen-grpc-swift-2
# protoc comes from Debian's protobuf-compiler. With SPARK_CONNECT_JAR (pyspark's
# jars/spark-connect_2.13-*.jar) every field and enum line of the subset is first checked to occur
# verbatim in the jar's base.proto or relations.proto (same name, type and number).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PLUGINS="${1:?usage: generate.sh PLUGIN_DIR [SPARK_CONNECT_JAR]}"
JAR="${2:-}"
PROTO="$HERE/Protos/spark/connect/saleskit_subset.proto"
if [ -n "$JAR" ]; then
  upstream="$(mktemp -d)"; trap 'rm -rf "$upstream"' EXIT
  unzip -q -o "$JAR" 'spark/connect/base.proto' 'spark/connect/relations.proto' -d "$upstream"
  missing=0
  while IFS= read -r line; do
    if ! grep -qF -- "$line" "$upstream/spark/connect/base.proto" "$upstream/spark/connect/relations.proto"; then
      echo "not in upstream: $line" >&2; missing=1
    fi
  done < <(sed -e 's|//.*||' -e 's/^ *//' -e 's/ *$//' "$PROTO" | grep -E '= [0-9]+( \[deprecated=true\])?;$')
  [ "$missing" = 0 ] || { echo "the subset differs from $JAR" >&2; exit 1; }
  echo "every field of the subset matches $(basename "$JAR")"
fi
mkdir -p "$HERE/Generated"
protoc --proto_path="$HERE/Protos" \
  --plugin=protoc-gen-swift="$PLUGINS/protoc-gen-swift" \
  --plugin=protoc-gen-grpc-swift-2="$PLUGINS/protoc-gen-grpc-swift-2" \
  --swift_out="$HERE/Generated" --swift_opt=Visibility=Public \
  --grpc-swift-2_out="$HERE/Generated" --grpc-swift-2_opt=Visibility=Public,Server=false,Client=true \
  "$PROTO"
echo "generated into $HERE/Generated"
