namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>
/// A test of a ported feature that also goes through a feature not yet on PostgreSQL (docs/postgresql.md lists them)
/// skips there, naming what it waits for; it runs on PostgreSQL as soon as that feature is ported and the line goes.
/// </summary>
public static class NotYetOnPostgreSql
{
    public const string Landing = "the public landing page (Features/Responses: TrackedMessages' prepared SQLite query)";
    public const string Erasure = "erasure (Features/Privacy)";

    public static void SkipIf(string engine, string waitsFor) =>
        Skip.If(engine == TestHost.PostgreSql, $"waits for {waitsFor} on PostgreSQL");
}
