/// A minimal SVG 1.1 writer: elements appended as text, every attribute value and text node
/// XML-escaped, numbers written with at most two decimals so files stay small and diffable.
///
/// Charts build on it; it has no layout logic of its own.
public struct SVGWriter: Sendable {
    /// Canvas width in user units (pixels).
    public let width: Double
    /// Canvas height in user units (pixels).
    public let height: Double
    private var body: [String] = []

    /// Creates an empty canvas.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for XML text and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters; drop them rather than emit invalid XML.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A number as SVG text: at most two decimals, no exponent, `0` for non-finite input.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return Formatting.fixed(rounded, decimals: 2)
    }

    /// Appends a raw element built by the helpers below.
    mutating func append(_ element: String) { body.append(element) }

    /// A rectangle.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              stroke: String? = nil, title: String? = nil) {
        var element = "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, width)))\" "
            + "height=\"\(Self.number(max(0, height)))\" fill=\"\(Self.escape(fill))\""
        if let stroke { element += " stroke=\"\(Self.escape(stroke))\"" }
        if let title {
            element += "><title>\(Self.escape(title))</title></rect>"
        } else {
            element += "/>"
        }
        append(element)
    }

    /// A straight line.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                              width: Double = 1, dashed: Bool = false) {
        append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" "
            + "y2=\"\(Self.number(y2))\" stroke=\"\(Self.escape(stroke))\" stroke-width=\"\(Self.number(width))\""
            + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>")
    }

    /// An open polyline through `points`.
    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dashed: Bool = false) {
        guard !points.isEmpty else { return }
        let coordinates = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        append("<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(Self.escape(stroke))\" "
            + "stroke-width=\"\(Self.number(width))\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>")
    }

    /// A closed, filled polygon (used for interval bands).
    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        guard !points.isEmpty else { return }
        let coordinates = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        append("<polygon points=\"\(coordinates)\" fill=\"\(Self.escape(fill))\" fill-opacity=\"\(Self.number(opacity))\"/>")
    }

    /// A circle.
    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, title: String? = nil) {
        let head = "<circle cx=\"\(Self.number(cx))\" cy=\"\(Self.number(cy))\" r=\"\(Self.number(r))\" fill=\"\(Self.escape(fill))\""
        append(title.map { head + "><title>\(Self.escape($0))</title></circle>" } ?? head + "/>")
    }

    /// A text label.
    public mutating func text(_ content: String, x: Double, y: Double, size: Double = 11,
                              anchor: String = "start", color: String = "#333", bold: Bool = false, rotate: Double? = nil) {
        var element = "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" "
            + "text-anchor=\"\(anchor)\" fill=\"\(Self.escape(color))\""
        if bold { element += " font-weight=\"bold\"" }
        if let rotate { element += " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\"" }
        append(element + ">\(Self.escape(content))</text>")
    }

    /// The complete standalone SVG document (with XML namespace and a font family).
    public func render(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
            + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"Helvetica, Arial, sans-serif\" "
            + "role=\"img\" aria-label=\"\(Self.escape(title))\">\n<title>\(Self.escape(title))</title>\n"
            + body.joined(separator: "\n") + "\n</svg>\n"
    }
}
