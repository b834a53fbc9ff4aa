import Foundation

/// Loads an HTML report in headless Chromium (Debian's `chromium`) and reports what a reader would
/// see wrong: script or console errors, an element whose content overflows its box, SVG text that
/// runs outside its chart (a clipped title), and charts with nothing drawn in them.
///
/// The check runs inside the page: a script is put at the top of a copy of the report, collects
/// errors from the start, inspects the laid-out page on `load`, and writes its findings as JSON
/// into a `<pre id="saleskit-check">` element, which `chromium --dump-dom` prints.
struct ReportPageChecker {
    /// What the page check found.
    struct Findings: Decodable {
        /// Script errors and `console.error` calls.
        var errors: [String]
        /// Elements or SVG text outside their box, described as `tag "text": how far`.
        var overflows: [String]
        /// Titles of charts that draw no data mark.
        var emptyCharts: [String]
        /// How many charts the page has.
        var charts: Int
    }

    /// Errors running the browser.
    struct BrowserError: Error, CustomStringConvertible {
        var description: String
    }

    /// The Chromium binary, if installed (`chromium` from Debian, or `chromium-browser`).
    static var browser: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The in-page check (ES2017, no libraries).
    static let script = #"""
    <script>
    (function () {
      var errors = [];
      window.addEventListener('error', function (e) { errors.push('error: ' + e.message); });
      var consoleError = console.error;
      console.error = function () { errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); consoleError.apply(console, arguments); };
      function label(el) {
        var text = (el.textContent || '').trim().slice(0, 40);
        return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + text + '"';
      }
      function check() {
        var overflows = [], empty = [];
        var all = document.body.querySelectorAll('*');
        for (var i = 0; i < all.length; i++) {
          var el = all[i];
          if (el.id === 'saleskit-check' || el instanceof SVGElement) continue;
          var style = getComputedStyle(el);
          if (style.display === 'inline' || style.display === 'none') continue;
          var scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden';
          if (!scrolls && el.scrollWidth > el.clientWidth + 1) overflows.push(label(el) + ': content ' + el.scrollWidth + 'px in ' + el.clientWidth + 'px');
        }
        var page = document.body.getBoundingClientRect();
        var svgs = document.querySelectorAll('svg');
        for (var s = 0; s < svgs.length; s++) {
          var svg = svgs[s], title = svg.querySelector('title');
          var name = title ? title.textContent : 'chart ' + s;
          var box = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width > 0 ? svg.viewBox.baseVal
                  : { x: 0, y: 0, width: svg.width.baseVal.value, height: svg.height.baseVal.value };
          // Screen rectangles, so rotated labels and scaled charts are compared as drawn.
          var frame = svg.getBoundingClientRect();
          var texts = svg.querySelectorAll('text');
          for (var t = 0; t < texts.length; t++) {
            var b = texts[t].getBoundingClientRect();
            if (b.width === 0) continue;
            if (b.left < frame.left - 1 || b.top < frame.top - 1 || b.right > frame.right + 1 || b.bottom > frame.bottom + 1)
              overflows.push('svg text "' + texts[t].textContent.slice(0, 40) + '" in "' + name + '": outside the chart');
          }
          var marks = svg.querySelectorAll('rect, polyline, polygon, circle, path'), drawn = 0;
          for (var m = 0; m < marks.length; m++) {
            var mb = marks[m].getBBox();
            var isBackground = marks[m].tagName === 'rect' && mb.width >= box.width - 1 && mb.height >= box.height - 1;
            if (!isBackground && (mb.width > 0 || mb.height > 0)) drawn++;
          }
          if (drawn === 0) empty.push(name);
          var r = svg.getBoundingClientRect(), parent = svg.parentElement;
          var parentScrolls = parent && getComputedStyle(parent).overflowX === 'auto';
          if (!parentScrolls && r.right > page.right + 1) overflows.push('chart "' + name + '": ' + Math.round(r.right - page.right) + 'px past the page');
        }
        var out = document.createElement('pre');
        out.id = 'saleskit-check';
        out.textContent = JSON.stringify({ errors: errors, overflows: overflows, emptyCharts: empty, charts: svgs.length });
        document.body.appendChild(out);
      }
      window.addEventListener('load', check);
    })();
    </script>
    """#

    /// Renders `htmlPath` in headless Chromium at a desktop width and returns the findings.
    /// - Parameter htmlPath: The report file (left unchanged; a copy with the check script is loaded).
    /// - Returns: The findings of the in-page check.
    /// - Throws: ``BrowserError`` when Chromium is missing, fails, or the page did not report.
    static func check(_ htmlPath: String) throws -> Findings {
        guard let browser else { throw BrowserError(description: "chromium is not installed (apt-get install chromium)") }
        let html = try String(contentsOfFile: htmlPath, encoding: .utf8)
        guard let head = html.range(of: "<head>") else { throw BrowserError(description: "\(htmlPath): no <head>") }
        var checked = html
        checked.replaceSubrange(head, with: "<head>" + script)
        let copy = URL(fileURLWithPath: htmlPath).deletingLastPathComponent()
            .appendingPathComponent("checked-\(UUID().uuidString).html")
        try Data(checked.utf8).write(to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(profile.path)", "--window-size=1280,900",
                             "--virtual-time-budget=5000", "--dump-dom", copy.absoluteString]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let messages = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let dom = String(decoding: output, as: UTF8.self)
        guard let start = dom.range(of: "<pre id=\"saleskit-check\">"),
              let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw BrowserError(description: "chromium (exit \(process.terminationStatus)) printed no check result for \(htmlPath): "
                               + String(decoding: messages.suffix(2000), as: UTF8.self))
        }
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Findings.self, from: Data(json.utf8))
    }
}
