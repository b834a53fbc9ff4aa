/// One self-contained HTML file: headings, paragraphs, tables and inline SVG charts, with its
/// stylesheet inline and no network assets, so it opens in any browser offline.
public struct HTMLReport: Sendable {
    private enum Block: Sendable {
        case heading(String), paragraph(String), note(String), table(TextTable), svg([String]), wideSVG(String)
        case metrics([(String, String)]), contents([String])
    }

    /// The document title.
    public var title: String
    /// A subtitle line (e.g. the input files and the as-of date).
    public var subtitle: String
    private var blocks: [Block] = []

    /// Creates an empty report.
    public init(title: String, subtitle: String = "") {
        self.title = title
        self.subtitle = subtitle
    }

    /// Starts a section; the heading gets an `id` (see ``anchor(_:)``) that ``contents(_:)`` links to.
    public mutating func heading(_ text: String) { blocks.append(.heading(text)) }
    /// A paragraph of plain text (escaped).
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    /// A muted note (an omitted section, a caveat about the data).
    public mutating func note(_ text: String) { blocks.append(.note(text)) }
    /// A table.
    public mutating func table(_ table: TextTable) { blocks.append(.table(table)) }
    /// An inline SVG chart, as produced by the chart types (the XML prolog, if any, is dropped).
    public mutating func chart(_ svg: String) { blocks.append(.svg([svg])) }
    /// An inline SVG chart shown at its natural size, scrolled sideways when it is wider than the
    /// page (a heatmap with many columns), so its text is never scaled down.
    public mutating func wideChart(_ svg: String) { blocks.append(.wideSVG(svg)) }
    /// Several inline SVG charts side by side (wrapping onto new lines on narrow screens).
    public mutating func charts(_ svgs: [String]) { blocks.append(.svg(svgs)) }
    /// A list of links to the headings named `titles` (which must be added with ``heading(_:)``).
    public mutating func contents(_ titles: [String]) { blocks.append(.contents(titles)) }

    /// The `id` attribute a heading gets: lower-case ASCII letters and digits, other runs as `-`.
    /// - Parameter heading: The heading text.
    /// - Returns: The anchor name (without `#`).
    public static func anchor(_ heading: String) -> String {
        var out = ""
        for scalar in heading.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "section" : out
    }
    /// A row of headline numbers (label, formatted value).
    public mutating func metrics(_ items: [(String, String)]) { blocks.append(.metrics(items)) }

    /// The complete HTML document.
    /// - Complexity: O(total content size).
    public func render() -> String {
        let e = SVGWriter.escape
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>
        body{font-family:Helvetica,Arial,sans-serif;color:#111827;max-width:1000px;margin:24px auto;padding:0 16px}
        h1{font-size:24px;margin-bottom:4px} h2{font-size:18px;margin-top:32px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
        .sub{color:#6b7280;margin-top:0} table{border-collapse:collapse;margin:8px 0;font-size:13px}
        th,td{padding:4px 10px;border-bottom:1px solid #e5e7eb} th{background:#f9fafb;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums} svg{max-width:100%;height:auto;margin:8px 0}
        .metrics{display:flex;flex-wrap:wrap;gap:12px} .metric{border:1px solid #e5e7eb;border-radius:6px;padding:8px 12px;min-width:120px}
        .metric .v{font-size:20px;font-weight:bold} .metric .l{font-size:12px;color:#6b7280}
        .note{color:#6b7280;font-style:italic} figure{margin:8px 0} .row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
        .row svg{max-width:480px} nav{font-size:13px} nav a{color:#2563eb;margin-right:12px;text-decoration:none}
        figure.wide{overflow-x:auto;max-width:100%} figure.wide svg{max-width:none}
        </style></head><body>
        <h1>\(e(title))</h1>
        <p class="sub">\(e(subtitle))</p>

        """
        for block in blocks {
            switch block {
            case .heading(let text):
                html += "<h2 id=\"\(Self.anchor(text))\">\(e(text))</h2>\n"
            case .paragraph(let text):
                html += "<p>\(e(text))</p>\n"
            case .note(let text):
                html += "<p class=\"note\">\(e(text))</p>\n"
            case .contents(let titles):
                // Only headings that are in the document get a link.
                let present = Set(blocks.compactMap { block -> String? in
                    if case .heading(let text) = block { return text } else { return nil }
                })
                html += "<nav>" + titles.filter(present.contains).map { "<a href=\"#\(Self.anchor($0))\">\(e($0))</a>" }.joined() + "</nav>\n"
            case .table(let table):
                if let title = table.title { html += "<p><strong>\(e(title))</strong></p>\n" }
                html += "<table><thead><tr>" + table.headers.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>\n"
                for row in table.rows {
                    html += "<tr>" + row.enumerated().map { j, cell in
                        table.alignments[j] == .right ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
                    }.joined() + "</tr>\n"
                }
                html += "</tbody></table>\n"
            case .svg(let svgs):
                let bodies = svgs.map { svg -> Substring in
                    var body = Substring(svg)
                    if body.hasPrefix("<?xml"), let end = body.firstIndex(of: ">") { body = body[body.index(after: end)...] }
                    return body
                }
                html += bodies.count == 1 ? "<figure>\(bodies[0])</figure>\n"
                    : "<div class=\"row\">" + bodies.map { "<figure>\($0)</figure>" }.joined() + "</div>\n"
            case .wideSVG(let svg):
                var body = Substring(svg)
                if body.hasPrefix("<?xml"), let end = body.firstIndex(of: ">") { body = body[body.index(after: end)...] }
                html += "<figure class=\"wide\">\(body)</figure>\n"
            case .metrics(let items):
                html += "<div class=\"metrics\">" + items.map {
                    "<div class=\"metric\"><div class=\"v\">\(e($0.1))</div><div class=\"l\">\(e($0.0))</div></div>"
                }.joined() + "</div>\n"
            }
        }
        return html + "</body></html>\n"
    }
}
