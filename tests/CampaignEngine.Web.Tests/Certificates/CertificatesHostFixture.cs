using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>One host per test class: starting a host per test would make the suite slow on a shared machine.</summary>
public sealed class CertificatesHostFixture : IDisposable
{
    public TestHost Host { get; } = new();

    public void Dispose() => Host.Dispose();
}
