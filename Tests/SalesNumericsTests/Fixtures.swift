import SalesTestSupport

/// This target's reference files (Tests/SalesNumericsTests/Fixtures, written by the scripts next to them).
let fixtures = FixtureDirectory("SalesNumericsTests")
