using System.Globalization;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateSerialHostsTestsOnSqlite() : CertificateSerialHostsTests(TestHost.Sqlite);

public sealed class CertificateSerialHostsTestsOnPostgreSql() : CertificateSerialHostsTests(TestHost.PostgreSql);

/// <summary>
/// Two hosts on one database issue under the same prefix at once, as two servers behind a load balancer do: the per-year
/// counter hands every certificate its own serial, and the serials leave no gap.
/// </summary>
public abstract class CertificateSerialHostsTests(string engine) : IDisposable
{
    private const int PerHost = 12;
    private readonly TestHost _first = new(engine);
    private TestHost? _second;

    [SkippableFact]
    public async Task Two_hosts_issuing_at_once_give_dense_unique_serials()
    {
        var holder = CertificateTestData.InsertCompatriot(_first, CertificateTestData.Aigul);
        _second = SecondHost.On(_first);
        var clients = new[] { _first.AdminClient(), _second.AdminClient() };

        // Each its own reason: the same one again would be a duplicate, refused unless asked for.
        var serials = await Task.WhenAll(Enumerable.Range(0, 2 * PerHost).Select(async i =>
            (await CertificateTestData.IssueAsync(clients[i % 2], holder, moduleId: "talas", reason: $"Талас айылына кошкон салымы үчүн №{i}")).Serial));

        Assert.Single(serials.Select(s => s[..8]).Distinct());
        Assert.Equal(Enumerable.Range(1, 2 * PerHost).Select(n => (long)n), serials.Select(s => long.Parse(s[^6..], CultureInfo.InvariantCulture)).Order());
    }

    public void Dispose()
    {
        // The second host first: the first one drops the database they share.
        _second?.Dispose();
        _first.Dispose();
        GC.SuppressFinalize(this);
    }
}
