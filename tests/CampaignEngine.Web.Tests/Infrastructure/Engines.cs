namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>
/// The engines a test class runs on: a class over both is an abstract class taking the engine, with one small sealed
/// class per engine (xunit runs each), so the tests are written once (ADR 0012).
/// </summary>
public static class Engines
{
    public static readonly string[] All = [TestHost.Sqlite, TestHost.PostgreSql];
}
