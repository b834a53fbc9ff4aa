/// The version printed by `saleskit --version` and written into JSON output.
enum SalesKitVersion {
    static let string = "0.2.0"
}
