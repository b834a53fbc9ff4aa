/// Colours shared by every chart, so the report reads as one piece.
public enum ChartPalette {
    /// Series colours in order of use.
    public static let series = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4b5563"]
    /// Axis, grid and muted text colours.
    public static let axis = "#6b7280", grid = "#e5e7eb", text = "#111827"
    /// Colour `index` of the series palette, cycling.
    public static func color(_ index: Int) -> String { series[((index % series.count) + series.count) % series.count] }

    /// A white → blue sequential colour for `t` in [0, 1] (values outside are clamped).
    public static func sequential(_ t: Double) -> String {
        let u = t.isFinite ? min(1, max(0, t)) : 0
        // Interpolate from #f7fbff (247,251,255) to #08306b (8,48,107).
        let r = Int((247 + (8 - 247) * u).rounded()), g = Int((251 + (48 - 251) * u).rounded())
        let b = Int((255 + (107 - 255) * u).rounded())
        return "#" + [r, g, b].map { hex2($0) }.joined()
    }

    private static func hex2(_ v: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[(v >> 4) & 15], digits[v & 15]])
    }
}
