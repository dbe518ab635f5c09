namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>
/// A test of a ported feature that also goes through a feature not yet on PostgreSQL (docs/postgresql.md lists them)
/// skips there, naming what it waits for; it runs on PostgreSQL as soon as that feature is ported and the line goes.
/// </summary>
public static class NotYetOnPostgreSql
{
    public const string Certificates = "certificates (Features/Certificates: Dapper lists as IN @ids)";
    public const string DirectoryImport = "the directory import (Features/Compatriots: Dapper lists as IN @ids)";
    public const string ProjectPages = "the project pages (Features/Projects)";

    public static void SkipIf(string engine, string waitsFor) =>
        Skip.If(engine == TestHost.PostgreSql, $"waits for {waitsFor} on PostgreSQL");
}
