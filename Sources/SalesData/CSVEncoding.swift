/// The text encodings the CSV reader reads. Anything but UTF-8 is transcoded to UTF-8 while the
/// file streams in (glibc's iconv); the parser itself always sees UTF-8.
public enum CSVEncoding: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// UTF-8, with or without a byte-order mark (default). A UTF-16 byte-order mark switches to UTF-16.
    case utf8 = "utf-8"
    /// UTF-16 with a byte-order mark (without one: big-endian).
    case utf16 = "utf-16"
    /// UTF-16 little-endian without a byte-order mark.
    case utf16le = "utf-16le"
    /// UTF-16 big-endian without a byte-order mark.
    case utf16be = "utf-16be"
    /// GB18030, the Chinese national standard (a superset of GBK): what Chinese Excel writes.
    case gb18030
    /// GBK (code page 936).
    case gbk
    /// Windows-1252, what Western-European Excel writes.
    case windows1252 = "windows-1252"
    /// ISO 8859-1 (Latin-1).
    case latin1 = "latin-1"

    /// An encoding by name, forgiving of case, `_`/`-` and common aliases (`utf8`, `cp1252`,
    /// `iso-8859-1`, `cp936`).
    /// - Parameter name: The name.
    public init?(name: String) {
        let key = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        switch key {
        case "utf-8", "utf8", "utf-8-sig": self = .utf8
        case "utf-16", "utf16": self = .utf16
        case "utf-16le", "utf16le": self = .utf16le
        case "utf-16be", "utf16be": self = .utf16be
        case "gb18030": self = .gb18030
        case "gbk", "cp936", "gb2312": self = .gbk
        case "windows-1252", "cp1252", "windows1252": self = .windows1252
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1": self = .latin1
        default: return nil
        }
    }

    /// The name (`utf-8`, `gb18030`, `windows-1252`, …).
    public var description: String { rawValue }

    /// The name for messages (`UTF-8`, `GB18030`, `Windows-1252`).
    var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16: return "UTF-16"
        case .utf16le: return "UTF-16LE"
        case .utf16be: return "UTF-16BE"
        case .gb18030: return "GB18030"
        case .gbk: return "GBK"
        case .windows1252: return "Windows-1252"
        case .latin1: return "Latin-1"
        }
    }

    /// glibc iconv's name for it: the display name, but for the two encodings iconv spells otherwise.
    var iconvName: String {
        switch self {
        case .windows1252: return "CP1252"
        case .latin1: return "ISO-8859-1"
        default: return displayName
        }
    }

    /// Bytes per code unit (undecodable input is skipped in whole units).
    var unitBytes: Int {
        switch self {
        case .utf16, .utf16le, .utf16be: return 2
        default: return 1
        }
    }
}
