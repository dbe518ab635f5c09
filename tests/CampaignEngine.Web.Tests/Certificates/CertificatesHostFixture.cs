using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>The host a certificate test class shares, on one engine.</summary>
public interface ICertificatesHost
{
    TestHost Host { get; }
}

/// <summary>One host per test class: starting a host per test would make the suite slow on a shared machine.</summary>
public sealed class CertificatesHostFixture : ICertificatesHost, IDisposable
{
    public TestHost Host { get; } = new();

    public void Dispose() => Host.Dispose();
}

/// <summary>
/// The same on PostgreSQL. The host (and its database) is made at the first test that asks, so a missing cluster skips
/// the tests instead of failing the class's fixture.
/// </summary>
public sealed class CertificatesPostgreSqlHostFixture : ICertificatesHost, IDisposable
{
    private TestHost? _host;

    public TestHost Host => _host ??= new TestHost(TestHost.PostgreSql);

    public void Dispose() => _host?.Dispose();
}
