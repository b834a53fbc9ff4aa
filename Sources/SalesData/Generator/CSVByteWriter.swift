import Foundation

/// A buffered writer of CSV bytes for the generator: fields are formatted straight into a 1 MB
/// byte buffer (integers, cents, dates and timestamps with integer arithmetic only, never
/// `Double.description`) and the buffer goes to the file descriptor when full.
///
/// Write failures are remembered and thrown by `checkError()` / `close()`, so the per-field calls
/// stay non-throwing in hot loops.
final class CSVByteWriter {
    let path: String
    private var descriptor: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private var failure: GeneratorError?
    /// Data rows ended with `endRow()` (the header is not counted).
    private(set) var rows = 0
    /// Bytes handed to the file so far plus those still buffered.
    var bytes: Int { flushedBytes + count }
    private var flushedBytes = 0

    /// Opens (creating or truncating) `path` and writes `header` followed by a newline.
    /// - Throws: `GeneratorError.cannotWrite` when the file cannot be opened.
    init(path: String, header: String, capacity: Int = 1 << 20) throws {
        self.path = path
        self.capacity = capacity
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw GeneratorError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        buffer = .allocate(capacity: capacity)
        text(header)
        newline()
    }

    deinit {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
        buffer.deallocate()
    }

    @inline(__always)
    private func reserve(_ needed: Int) {
        if count + needed > capacity { flush() }
    }

    /// Hands the buffered bytes to the operating system.
    func flush() {
        var offset = 0
        while offset < count, failure == nil {
            let written = write(descriptor, buffer + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            } else {
                offset += written
            }
        }
        flushedBytes += count
        count = 0
    }

    /// Throws the first write failure, if any happened.
    func checkError() throws {
        if let failure { throw failure }
    }

    /// Flushes and closes the file.
    /// - Throws: `GeneratorError.cannotWrite` for any failed write or close.
    func close() throws {
        flush()
        if descriptor >= 0 {
            if Foundation.close(descriptor) != 0, failure == nil {
                failure = .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            descriptor = -1
        }
        try checkError()
    }

    @inline(__always)
    func byte(_ value: UInt8) {
        reserve(1)
        buffer[count] = value
        count += 1
    }

    @inline(__always)
    func comma() { byte(UInt8(ascii: ",")) }

    @inline(__always)
    func newline() { byte(UInt8(ascii: "\n")) }

    /// Ends a data row (newline) and counts it.
    @inline(__always)
    func endRow() {
        newline()
        rows += 1
    }

    /// UTF-8 text, written as is (callers pass names without commas, quotes or newlines).
    func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            reserve(utf8.count)
            if utf8.count > capacity {
                for b in utf8 { byte(b) }
            } else {
                (buffer + count).update(from: utf8.baseAddress!, count: utf8.count)
                count += utf8.count
            }
        }
    }

    /// A decimal integer.
    func integer(_ value: Int) {
        reserve(21)
        var magnitude = value.magnitude
        if value < 0 { buffer[count] = UInt8(ascii: "-"); count += 1 }
        var digits = 1
        var rest = magnitude
        while rest >= 10 { rest /= 10; digits += 1 }
        var position = count + digits - 1
        repeat {
            buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            position -= 1
        } while magnitude > 0
        count += digits
    }

    /// An id such as `C123`: a one-or-more-letter prefix and a decimal number.
    @inline(__always)
    func identifier(_ prefix: StaticString, _ number: Int) {
        staticText(prefix)
        integer(number)
    }

    /// ASCII text known at compile time.
    @inline(__always)
    func staticText(_ value: StaticString) {
        reserve(value.utf8CodeUnitCount)
        (buffer + count).update(from: value.utf8Start, count: value.utf8CodeUnitCount)
        count += value.utf8CodeUnitCount
    }

    /// An amount of money given in cents, written as `-1234.05` (always two decimals).
    func cents(_ value: Int64) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        integer(Int(magnitude / 100))
        let fraction = Int(magnitude % 100)
        reserve(3)
        buffer[count] = UInt8(ascii: ".")
        buffer[count + 1] = UInt8(ascii: "0") + UInt8(fraction / 10)
        buffer[count + 2] = UInt8(ascii: "0") + UInt8(fraction % 10)
        count += 3
    }

    @inline(__always)
    private func twoDigits(_ value: Int) {
        buffer[count] = UInt8(ascii: "0") + UInt8(value / 10)
        buffer[count + 1] = UInt8(ascii: "0") + UInt8(value % 10)
        count += 2
    }

    /// `YYYY-MM-DD` of a days-since-epoch value (years 1000–9999).
    func date(days: Int) {
        let (y, m, d) = CivilDate.civil(fromDays: days)
        reserve(10)
        twoDigits(y / 100)
        twoDigits(y % 100)
        buffer[count] = UInt8(ascii: "-"); count += 1
        twoDigits(m)
        buffer[count] = UInt8(ascii: "-"); count += 1
        twoDigits(d)
    }

    /// `YYYY-MM` of a year and month.
    func month(year: Int, month: Int) {
        reserve(7)
        twoDigits(year / 100)
        twoDigits(year % 100)
        buffer[count] = UInt8(ascii: "-"); count += 1
        twoDigits(month)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` of seconds since the epoch (UTC).
    func timestamp(seconds: Int) {
        let days = Day(secondsSince1970: Int64(seconds)).rawValue
        let secondOfDay = seconds - days * 86_400
        date(days: days)
        reserve(10)
        buffer[count] = UInt8(ascii: "T"); count += 1
        twoDigits(secondOfDay / 3600)
        buffer[count] = UInt8(ascii: ":"); count += 1
        twoDigits(secondOfDay / 60 % 60)
        buffer[count] = UInt8(ascii: ":"); count += 1
        twoDigits(secondOfDay % 60)
        buffer[count] = UInt8(ascii: "Z"); count += 1
    }
}
