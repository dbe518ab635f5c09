namespace CampaignEngine.Bench;

/// <summary>
/// The engines a run measures (<c>--engine sqlite|postgresql|both</c>). PostgreSQL needs a server where the bench may make
/// and drop databases: <c>BENCH_POSTGRES</c>, else the tests' <c>CAMPAIGNENGINE_TEST_POSTGRES</c> (which <c>.ci/run</c>
/// sets). Without <c>--engine</c>, a run measures both when one of them is set and SQLite alone otherwise.
/// </summary>
internal static class Engines
{
    public const string Sqlite = "SQLite";
    public const string PostgreSql = "PostgreSQL";

    public static string? Server =>
        new[] { "BENCH_POSTGRES", "CAMPAIGNENGINE_TEST_POSTGRES" }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => v is { Length: > 0 });

    public static IReadOnlyList<string> Parse(string? value) => value switch
    {
        null => Server is null ? [Sqlite] : [Sqlite, PostgreSql],
        "sqlite" => [Sqlite],
        "postgresql" => [PostgreSql],
        "both" => [Sqlite, PostgreSql],
        _ => throw new ArgumentException($"--engine {value}: say sqlite, postgresql or both."),
    };
}
