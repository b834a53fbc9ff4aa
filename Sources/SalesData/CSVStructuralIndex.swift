// The structural tokenizer: finds quotes, delimiters and line feeds 64 bytes at a time and takes
// field boundaries from bitmasks (the simdjson / simdcsv technique), feeding the same typed field
// delivery as the scalar tokenizer in CSVReader+Tokenizer.swift.
//
// The byte compares use the compiler's vector builtins (`import Builtin`, enabled for this target
// by the `BuiltinModule` experimental feature in Package.swift): the standard library's
// `SIMD16<UInt8>` `.==` has no movemask and compiles to a byte-by-byte loop here, while
// `cmp_eq_Vec16xInt8` + `bitcast_Vec16xInt1_Int16` lower to `pcmpeqb` + `pmovmskb` (SSE2, the
// x86-64 baseline; other targets get their own lowering of the same vector IR).
import Builtin
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which tokenizer splits a CSV file's records into fields.
///
/// Both produce the same table, row lines, rejected rows and errors (file, line, column, text);
/// a test holds them equal on the fuzz seeds and on random mutations of real-shaped files.
public enum CSVTokenizer: Sendable, Equatable, CaseIterable {
    /// Quotes, delimiters and line feeds found 64 bytes at a time as bitmasks, quote parity by a
    /// carry-less prefix XOR, field boundaries taken from the masks; any record that is not plain
    /// RFC 4180 (a quote inside an unquoted field, text after a closing quote, a wrong field count,
    /// a record over `maxRecordBytes`, a carriage return ending the input) is handed to the
    /// `.scalar` tokenizer, which produces the error message.
    case structural
    /// The byte-at-a-time RFC 4180 tokenizer (SWAR scan of unquoted fields, `memchr` in quoted
    /// ones): the reference the structural tokenizer is tested against.
    case scalar
}

/// The structural bitmasks of one chunk, computed one 64-byte block at a time on demand.
///
/// For the current block, bit `i` of ``structural`` is set when byte `blockStart + i` is the
/// delimiter or `\n` outside quotes, and bit `i` of ``special`` when it is `"` or a byte ≥ 0x80
/// (a field holding either needs a closer look). "Outside quotes" is the parity of the `"` bytes
/// since the block the index was last seeded at (a record start, which is outside quotes): a
/// prefix XOR of the quote mask (`x ^= x << 1; x ^= x << 2; …; x ^= x << 32`) gives the parity
/// at every byte of the block, and the parity at its end carries into the next block.
struct StructuralIndex {
    /// The chunk's first byte.
    let base: UnsafePointer<UInt8>
    /// The chunk's length in bytes.
    let count: Int
    private let delimiterSplat: SIMD16<UInt8>
    /// A 64-byte buffer for the last, partial block (zero-padded: zero is never structural).
    private let tail: UnsafeMutablePointer<UInt8>
    /// The offset of the current block's first byte.
    private(set) var blockStart = 0
    /// Delimiters and `\n` outside quotes in the current block.
    private(set) var structural: UInt64 = 0
    /// Quotes and bytes ≥ 0x80 in the current block.
    private(set) var special: UInt64 = 0
    /// All ones when the byte ending the current block is inside quotes, else zero.
    private var carry: UInt64 = 0

    /// Whether the structural tokenizer can split on `delimiter`: an ASCII byte other than NUL
    /// (the padding of the last block), `\n`, `\r` and `"`. Others go to the scalar tokenizer.
    static func supports(delimiter: UInt8) -> Bool {
        delimiter != 0 && delimiter < 0x80 && delimiter != 10 && delimiter != 13 && delimiter != 34
    }

    /// An index over `count` bytes at `base`, seeded at offset 0.
    /// - Parameter tail: 64 writable bytes the index may use for the last block.
    init(base: UnsafePointer<UInt8>, count: Int, delimiter: UInt8, tail: UnsafeMutablePointer<UInt8>) {
        self.base = base
        self.count = count
        self.delimiterSplat = SIMD16(repeating: delimiter)
        self.tail = tail
        if count > 0 { seed(at: 0) }
    }

    /// Restarts the index at `offset` (`< count`), a record start: outside quotes by definition.
    @inline(__always)
    mutating func seed(at offset: Int) {
        load(at: offset, carry: 0)
    }

    /// The first structural byte at or after `start` (or `count` when there is none), and whether
    /// a special byte (quote, byte ≥ 0x80) lies in `[start, end)`. Calls must not go backwards
    /// past the current block: `start` is at most a block ahead of the last result.
    @inline(__always)
    mutating func next(from start: Int) -> (end: Int, special: Bool) {
        var s = start
        var sawSpecial = false
        while true {
            while s - blockStart >= 64 {
                if blockStart + 64 >= count { return (count, sawSpecial) }
                load(at: blockStart + 64, carry: carry)
            }
            let shift = UInt64(truncatingIfNeeded: s - blockStart)
            let bits = structural &>> shift
            let specials = special &>> shift
            if bits != 0 {
                let k = bits.trailingZeroBitCount
                sawSpecial = sawSpecial || specials & ((1 &<< UInt64(k)) &- 1) != 0
                return (s + k, sawSpecial)
            }
            sawSpecial = sawSpecial || specials != 0
            s = blockStart + 64
        }
    }

    /// Computes the masks of the block at `offset`, whose preceding byte is inside quotes when
    /// `carry` is all ones.
    @inline(__always)
    private mutating func load(at offset: Int, carry incoming: UInt64) {
        blockStart = offset
        let available = count - offset
        let masks: (quotes: UInt64, breaks: UInt64, high: UInt64)
        if available >= 64 {
            masks = Self.classify(UnsafeRawPointer(base + offset), delimiter: delimiterSplat)
        } else {
            tail.initialize(repeating: 0, count: 64)
            tail.update(from: base + offset, count: max(0, available))
            masks = Self.classify(UnsafeRawPointer(tail), delimiter: delimiterSplat)
        }
        let inside = Self.prefixXor(masks.quotes) ^ incoming
        structural = masks.breaks & ~inside
        special = masks.quotes | masks.high
        carry = UInt64(bitPattern: Int64(bitPattern: inside) &>> 63)
    }

    /// Bit `i` of the result is the parity of the set bits `0...i` of `x` (carry-less prefix XOR).
    @inline(__always)
    static func prefixXor(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x &<< 1
        x ^= x &<< 2
        x ^= x &<< 4
        x ^= x &<< 8
        x ^= x &<< 16
        x ^= x &<< 32
        return x
    }

    /// The quote, delimiter-or-`\n`, and high-bit masks of the 64 bytes at `p`.
    @inline(__always)
    static func classify(_ p: UnsafeRawPointer, delimiter: SIMD16<UInt8>)
        -> (quotes: UInt64, breaks: UInt64, high: UInt64) {
        let quote = SIMD16<UInt8>(repeating: 34), newline = SIMD16<UInt8>(repeating: 10)
        var quotes: UInt64 = 0, breaks: UInt64 = 0, high: UInt64 = 0
        for k in 0..<4 {
            let v = p.loadUnaligned(fromByteOffset: 16 * k, as: SIMD16<UInt8>.self)
            let shift = UInt64(16 * k)
            quotes |= equalMask(v, quote) &<< shift
            breaks |= (equalMask(v, delimiter) | equalMask(v, newline)) &<< shift
            high |= highMask(v) &<< shift
        }
        return (quotes, breaks, high)
    }

    /// Bit `i` set when lane `i` of `v` equals lane `i` of `c` (`pcmpeqb` + `pmovmskb`).
    @inline(__always)
    static func equalMask(_ v: SIMD16<UInt8>, _ c: SIMD16<UInt8>) -> UInt64 {
        let a = unsafeBitCast(v, to: Builtin.Vec16xInt8.self)
        let b = unsafeBitCast(c, to: Builtin.Vec16xInt8.self)
        return UInt64(UInt16(Builtin.bitcast_Vec16xInt1_Int16(Builtin.cmp_eq_Vec16xInt8(a, b))))
    }

    /// Bit `i` set when lane `i` of `v` is ≥ 0x80 (`pmovmskb`).
    @inline(__always)
    static func highMask(_ v: SIMD16<UInt8>) -> UInt64 {
        let a = unsafeBitCast(v, to: Builtin.Vec16xInt8.self)
        let zero = unsafeBitCast(SIMD16<UInt8>(), to: Builtin.Vec16xInt8.self)
        return UInt64(UInt16(Builtin.bitcast_Vec16xInt1_Int16(Builtin.cmp_slt_Vec16xInt8(a, zero))))
    }
}

/// One field of a record as the structural pass found it: its content bytes (inside the quotes
/// for a quoted field, doubled quotes still doubled) and how to deliver it.
struct FieldSpan {
    var start: Int
    var length: Int
    var quoted: Bool
    var escaped: Bool
    /// The content must be UTF-8-checked (a quoted field, or one holding a byte ≥ 0x80).
    var checkUTF8: Bool
}

extension ChunkParser {
    /// The structural tokenizer over the whole chunk. Each record is split in two passes: the
    /// fields' boundaries from the ``StructuralIndex`` (checked to be plain RFC 4180 with the
    /// schema's field count), then the fields delivered to the builders exactly as the scalar
    /// tokenizer delivers them. A record that is not plain goes to ``scalarRecord`` whole, and
    /// the index is re-seeded where that record ends, so every error, rejected row and row line
    /// is the scalar tokenizer's.
    mutating func runStructural(output: inout ChunkOutput, builders: UnsafeMutablePointer<ColumnBuilder>,
                                categoryBuilders: [Int], stop: UnsafeBufferPointer<Bool>) {
        let count = end - base
        guard count > 0 else { return }
        let fieldCount = layout.targets.count
        let delimiter = layout.delimiter
        let tail = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        let spans = UnsafeMutablePointer<FieldSpan>.allocate(capacity: max(1, fieldCount))
        defer {
            tail.deallocate()
            spans.deallocate()
        }
        var index = StructuralIndex(base: base, count: count, delimiter: delimiter, tail: tail)
        var r = 0
        while r < count {
            // Blank lines are not records.
            if base[r] == 10 { output.newlines += 1; r += 1; continue }
            if base[r] == 13, r + 1 < count, base[r + 1] == 10 { output.newlines += 1; r += 2; continue }
            let recordLine = output.newlines

            // Pass 1: the fields' boundaries, or `plain = false`.
            var fields = 0
            var quotedNewlines = 0
            var lineEnds = 0
            var recordEnd = count
            var plain = true
            var q = r
            while true {
                let (e, special) = index.next(from: q)
                let atDelimiter = e < count && base[e] == delimiter
                var contentEnd = e
                if !atDelimiter, contentEnd > q, base[contentEnd - 1] == 13 {
                    // A `\r` ending the chunk is a line end to the scalar tokenizer: left to it.
                    if e == count { plain = false; break }
                    contentEnd -= 1
                }
                var span = FieldSpan(start: q, length: contentEnd - q, quoted: false, escaped: false, checkUTF8: false)
                if special {
                    if base[q] == 34 {
                        // Quoted: the closing quote ends the content, and quotes inside are doubled.
                        let close = contentEnd - 1
                        guard close > q, base[close] == 34 else { plain = false; break }
                        var k = q + 1
                        var escaped = false
                        while k < close, let raw = memchr(base + k, 34, close - k) {
                            let found = UnsafePointer<UInt8>(raw.assumingMemoryBound(to: UInt8.self)) - base
                            guard found + 1 < close, base[found + 1] == 34 else { plain = false; break }
                            escaped = true
                            k = found + 2
                        }
                        guard plain else { break }
                        quotedNewlines += Self.countNewlines(base + q + 1, base + close)
                        span = FieldSpan(start: q + 1, length: close - q - 1, quoted: true, escaped: escaped, checkUTF8: true)
                    } else {
                        // A quote inside an unquoted field is an error the scalar tokenizer words.
                        guard memchr(base + q, 34, contentEnd - q) == nil else { plain = false; break }
                        span.checkUTF8 = true
                    }
                }
                guard fields < fieldCount else { plain = false; break }
                spans[fields] = span
                fields += 1
                if atDelimiter {
                    q = e + 1
                    continue
                }
                if e < count {
                    lineEnds = 1
                    recordEnd = e + 1
                }
                break
            }
            if !plain || fields != fieldCount || recordEnd - r > layout.maxRecordBytes {
                output.scalarFallbacks += 1
                var p = base + r
                let problem = scalarRecord(&p, output: &output, builders: builders, stop: stop)
                r = p - base
                guard finishRecord(problem, line: recordLine, output: &output, builders: builders,
                                   categoryBuilders: categoryBuilders) else { return }
                if r < count { index.seed(at: r) }
                continue
            }

            // Pass 2: deliver the fields as the scalar tokenizer does (the first problem wins).
            var fieldError: CSVError?
            for f in 0..<fieldCount {
                let span = spans[f]
                if let problem = deliver(field: f, base + span.start, span.length, quoted: span.quoted,
                                         escaped: span.escaped, checkUTF8: span.checkUTF8, builders: builders) {
                    let target = layout.targets[f]
                    fieldError = .invalidField(file: layout.file, line: recordLine,
                                               column: target >= 0 ? layout.fields[target].name : "#\(f + 1)",
                                               text: Self.text(base + span.start, span.length), problem: problem)
                    break
                }
            }
            output.newlines += quotedNewlines + lineEnds
            r = recordEnd
            guard finishRecord(fieldError, line: recordLine, output: &output, builders: builders,
                               categoryBuilders: categoryBuilders) else { return }
        }
    }
}
