"""Writes the Arrow IPC stream fixtures of ArrowIPCReaderTests with pyarrow (the reference writer).

    /work/pyenv/bin/python Tests/SalesWarehouseTests/Fixtures/arrow/arrow_fixtures.py

Every file is an Arrow IPC *stream* (pyarrow.ipc.new_stream), the format of Spark Connect's
ExecutePlanResponse.arrow_batch. expected.json holds, per fixture, the schema as pyarrow prints
it and each column's values as written (null as null; timestamps as integers in their unit;
decimals as unscaled integers in text; dates as day numbers), batch by batch.
"""
import datetime as dt
import decimal
import json
import os

import pyarrow as pa
import pyarrow.ipc as ipc

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, batches, schema, options=None):
    path = os.path.join(HERE, name + ".arrows")
    with pa.OSFile(path, "wb") as sink:
        with ipc.new_stream(sink, schema, options=options) as writer:
            for batch in batches:
                writer.write_batch(batch)
    return path


def plain(array):
    """The values of an array as JSON: nulls, integers for temporal types, unscaled decimals."""
    t = array.type
    if pa.types.is_timestamp(t) or pa.types.is_date32(t):
        return array.cast(pa.int64() if pa.types.is_timestamp(t) else pa.int32()).to_pylist()
    if pa.types.is_decimal(t):
        return [None if v is None else str(int(v.scaleb(t.scale))) for v in array.to_pylist()]
    return array.to_pylist()


expected = {}

# Every supported type, nulls in each column, two batches (the second a slice: pyarrow rebases
# its buffers) and one with no nulls at all.
schema = pa.schema([
    ("i32", pa.int32()), ("i64", pa.int64()), ("f64", pa.float64()), ("d32", pa.date32()),
    ("ts_s", pa.timestamp("s")), ("ts_ms_tz", pa.timestamp("ms", tz="Europe/Berlin")),
    ("ts_us_utc", pa.timestamp("us", tz="UTC")), ("ts_ns", pa.timestamp("ns")),
    ("text", pa.string()), ("large_text", pa.large_string()), ("money", pa.decimal128(12, 2)),
    ("flag", pa.bool_()),
])
rows = 11
cols = [
    pa.array([None if i % 4 == 1 else (-1) ** i * (2 ** 31 - 1 - i) for i in range(rows)], pa.int32()),
    pa.array([None if i % 5 == 2 else (-1) ** i * (2 ** 63 - 1 - i) for i in range(rows)], pa.int64()),
    pa.array([None if i == 3 else [0.1, -2.5, 1e300, -0.0, 3.25, 1e-300, 7.0, 8.5, 9.75, 10.0, 11.125][i] for i in range(rows)], pa.float64()),
    pa.array([None if i == 0 else dt.date(1969, 12, 31) + dt.timedelta(days=400 * i) for i in range(rows)], pa.date32()),
    pa.array([None if i == 6 else 1_700_000_000 + i for i in range(rows)], pa.timestamp("s")),
    pa.array([None if i == 7 else -86_400_000 + 1000 * i for i in range(rows)], pa.timestamp("ms", tz="Europe/Berlin")),
    pa.array([None if i == 8 else 1_719_705_600_000_000 + i for i in range(rows)], pa.timestamp("us", tz="UTC")),
    pa.array([None if i == 9 else 1_719_705_600_000_000_000 + i for i in range(rows)], pa.timestamp("ns")),
    pa.array([None if i == 2 else ["", "a", "été", "客户ID", "tab\there", "x" * 40, "line\nbreak", "7", "8", "9", "10"][i] for i in range(rows)], pa.string()),
    pa.array([None if i == 4 else f"L{i}" * i for i in range(rows)], pa.large_string()),
    pa.array([None if i == 5 else decimal.Decimal(v) for i, v in enumerate(
        ["0.00", "-0.01", "9999999999.99", "-9999999999.99", "12.34", "0", "1.10", "-7.50", "100.00", "0.99", "-0.99"])],
        pa.decimal128(12, 2)),
    pa.array([None if i == 10 else i % 3 == 0 for i in range(rows)], pa.bool_()),
]
table = pa.Table.from_arrays(cols, schema=schema)
first = table.slice(0, 6).to_batches()[0]
second = table.slice(6).combine_chunks().to_batches()[0]
third = pa.record_batch([pa.array([1], t) if not (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_decimal(t) or pa.types.is_boolean(t) or pa.types.is_floating(t))
                         else pa.array(["z"] if pa.types.is_string(t) or pa.types.is_large_string(t) else [decimal.Decimal("1.00")] if pa.types.is_decimal(t) else [True] if pa.types.is_boolean(t) else [1.5], t)
                         for t in schema.types], schema=schema)
batches = [first, second, third]
write("all_types", batches, schema)
expected["all_types"] = {
    "schema": [f"{f.name}: {f.type}" for f in schema],
    "batches": [{f.name: plain(b.column(i)) for i, f in enumerate(schema)} for b in batches],
}

# Schema only (an empty result), and one batch of zero rows.
small = pa.schema([("customer_id", pa.string()), ("orders", pa.int64())])
write("schema_only", [], small)
write("zero_rows", [pa.record_batch([pa.array([], pa.string()), pa.array([], pa.int64())], schema=small)], small)
# The pre-0.15 framing (no 0xFFFFFFFF continuation marker).
legacy_batch = pa.record_batch([pa.array(["a", None, "c"]), pa.array([1, 2, None], pa.int64())], schema=small)
write("legacy_framing", [legacy_batch], small, ipc.IpcWriteOptions(use_legacy_format=True))
expected["legacy_framing"] = {"schema": [f"{f.name}: {f.type}" for f in small],
                              "batches": [{"customer_id": ["a", None, "c"], "orders": [1, 2, None]}]}

# Types the reader refuses with a typed error.
write("unsupported_list", [pa.record_batch([pa.array([[1, 2], None], pa.list_(pa.int64()))], names=["l"])],
      pa.schema([("l", pa.list_(pa.int64()))]))
dictionary = pa.array(["a", "b", "a"]).dictionary_encode()
write("unsupported_dictionary", [pa.record_batch([dictionary], names=["d"])], pa.schema([("d", dictionary.type)]))
write("unsupported_float32", [pa.record_batch([pa.array([1.5], pa.float32())], names=["f"])], pa.schema([("f", pa.float32())]))
write("unsupported_compressed", [pa.record_batch([pa.array([1, 2, 3], pa.int64())], names=["n"])],
      pa.schema([("n", pa.int64())]), ipc.IpcWriteOptions(compression="zstd"))

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, ensure_ascii=False)
    f.write("\n")
print("pyarrow", pa.__version__, "wrote", sorted(n for n in os.listdir(HERE) if n.endswith(".arrows")))
