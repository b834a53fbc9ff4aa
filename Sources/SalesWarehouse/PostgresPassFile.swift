/// PostgreSQL's password file (`~/.pgpass`, or the file `PGPASSFILE` names), as libpq reads it:
/// one `hostname:port:database:username:password` entry a line, `*` matching anything in the first
/// four fields, `\:` and `\\` escaping a colon and a backslash, `#` starting a comment line; the
/// first matching line wins. The caller reads the file (and, as libpq, ignores one that group or
/// others can read); nothing here touches the file system.
public enum PostgresPassFile {
    /// The password of the first entry matching the connection.
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - host: The host name as given (`127.0.0.1`, `db.internal`; `localhost` also matches a
    ///     socket entry as in libpq).
    ///   - port: The port.
    ///   - database: The database (libpq's default: the user name).
    ///   - user: The user name.
    /// - Returns: The password, or nil when no line matches.
    /// - Complexity: O(file length).
    public static func password(in text: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ value: String) -> Bool { field == "*" || field == value }
            let hostMatches = matches(fields[0], host) || (fields[0] == "localhost" && host.hasPrefix("/"))
            if hostMatches, matches(fields[1], String(port)), matches(fields[2], database), matches(fields[3], user) {
                return fields[4]
            }
        }
        return nil
    }

    /// The fields of one line: split at unescaped colons, `\x` read as `x`.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = [], current = ""
        var escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case ":": fields.append(current); current = ""
            default: current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

extension WarehouseSource {
    /// This source with the password of a `.pgpass` entry when it has none (PostgreSQL only; the
    /// URL's and `PGPASSWORD`'s password come first, as in libpq).
    /// - Parameter passFile: The password file's contents.
    /// - Returns: The source, its password filled when a line matches.
    public func fillingPassword(fromPassFile passFile: String) -> WarehouseSource {
        guard engine == .postgres, password == nil else { return self }
        var filled = self
        filled.password = PostgresPassFile.password(in: passFile, host: host, port: port, database: database ?? user, user: user)
        return filled
    }
}
