import GRPCCore

/// Spark Connect failures → `WarehouseError`: the gRPC status code for transport failures, the
/// error class Spark puts at the start of its messages (`[TABLE_OR_VIEW_NOT_FOUND] …`) for the
/// rest.
enum SparkErrors {
    static func map(_ error: any Error, source: String, purpose: String, connecting: Bool) -> WarehouseError {
        guard let rpc = error as? RPCError else {
            if error is CancellationError {
                return WarehouseError(.timeout, source: source, detail: "\(purpose): cancelled", hint: "--query-timeout")
            }
            return WarehouseError(connecting ? .unreachable : .connectionLost, source: source, detail: "\(purpose): \(error)",
                                  hint: connecting ? "the host and port (15002) of the Spark Connect server" : "the server's logs; the result was discarded")
        }
        let message = rpc.message
        switch rpc.code {
        case .unavailable:
            if connecting {
                return WarehouseError(.unreachable, source: source, detail: "cannot connect: \(message)",
                                      hint: "the host and port (15002), and that the Spark Connect server runs (Tests/Warehouse/spark.sh start)")
            }
            return WarehouseError(.connectionLost, source: source, detail: "\(purpose): the connection dropped: \(message)",
                                  hint: "the Spark Connect server's logs; the result was discarded")
        case .deadlineExceeded:
            return WarehouseError(.timeout, source: source, detail: "\(purpose): no complete answer within the timeout",
                                  hint: connecting ? "--connect-timeout (a cold cluster's first query is slow)" : "--query-timeout, or a smaller relation")
        case .cancelled:
            return WarehouseError(.timeout, source: source, detail: "\(purpose): cancelled (\(message))", hint: "--query-timeout")
        case .unimplemented:
            return WarehouseError(.unreachable, source: source, detail: "the server at the port does not speak Spark Connect: \(message)",
                                  hint: "the port: Spark Connect's gRPC port (15002), not the master's or the UI's")
        case .unauthenticated, .permissionDenied:
            return WarehouseError(.authentication, source: source, detail: message, hint: "the user and token for the Spark Connect server")
        case .resourceExhausted:
            return WarehouseError(.queryFailed, source: source, detail: "\(purpose): \(message)",
                                  hint: "the result size (spark.connect.grpc.maxInboundMessageSize) and the cluster's memory")
        default:
            break
        }
        let errorClass = Self.errorClass(message)
        let detail = "\(message.split(separator: "\n").first.map(String.init) ?? message) (\(purpose))"
        switch errorClass {
        case let c where c.hasPrefix("INVALID_HANDLE.SESSION"):
            return WarehouseError(.sessionExpired, source: source, detail: detail,
                                  hint: "the server expired or restarted the session: connect again (spark.connect.session.manager.defaultSessionTimeout)")
        case "TABLE_OR_VIEW_NOT_FOUND", "SCHEMA_NOT_FOUND", "PATH_NOT_FOUND":
            return WarehouseError(.missingRelation, source: source, detail: detail, hint: "--table (database.table) or --query")
        case let c where c.hasPrefix("UNRESOLVED_COLUMN") || c.hasPrefix("FIELD_NOT_FOUND") || c.hasPrefix("UNRESOLVED_FIELD"):
            return WarehouseError(.missingColumn, source: source, detail: detail,
                                  hint: "--map contract_name=column for the relation's column names")
        case let c where c.hasPrefix("DATATYPE_MISMATCH") || c.hasPrefix("CAST_INVALID_INPUT") || c.hasPrefix("CAST_OVERFLOW")
            || c.hasPrefix("INVALID_FORMAT") || c.hasPrefix("CANNOT_PARSE_TIMESTAMP") || c.hasPrefix("INCOMPATIBLE_DATA"):
            return WarehouseError(.wrongResultType, source: source, detail: detail,
                                  hint: "the column types: order_date must be a date (or ISO text), amount numeric")
        case let c where c.hasPrefix("PARSE_SYNTAX_ERROR"):
            return WarehouseError(.queryFailed, source: source, detail: detail, hint: "the SQL of --query (Spark SQL)")
        default:
            return WarehouseError(.queryFailed, source: source, detail: detail, hint: "the relation and the SQL of --query")
        }
    }

    /// `TABLE_OR_VIEW_NOT_FOUND` from `[TABLE_OR_VIEW_NOT_FOUND] The table …` (anywhere in the
    /// first line, after an exception class name), or "".
    static func errorClass(_ message: String) -> String {
        let line = message.split(separator: "\n").first ?? ""
        guard let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") else { return "" }
        let name = line[line.index(after: open)..<close]
        guard !name.isEmpty, name.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" || $0 == "." }) else { return "" }
        return String(name)
    }
}
