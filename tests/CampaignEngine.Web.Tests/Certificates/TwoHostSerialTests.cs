using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class TwoHostSerialTestsOnSqlite() : TwoHostSerialTests(TestHost.Sqlite);

public sealed class TwoHostSerialTestsOnPostgreSql() : TwoHostSerialTests(TestHost.PostgreSql);

/// <summary>
/// Two hosts on one database issue certificates at the same time, as two servers behind a load balancer do (issue 19:
/// serials and the audit chain stay consistent across hosts). Each issue takes the next serial of its prefix and year and
/// appends to the audit chain; both are shared by every host, so both must queue the hosts' writers, not fail one of
/// them. On SQLite the two hosts share one file in one process; on PostgreSQL they are what several servers are.
/// </summary>
public abstract class TwoHostSerialTests(string engine) : IDisposable
{
    private const int WritersPerHost = 4;
    private const int IssuesPerWriter = 8;

    private readonly TestHost _first = new(engine);
    private TestHost? _second;

    [SkippableFact]
    public async Task Certificates_issued_on_two_hosts_at_once_get_dense_unique_serials_and_one_unbroken_audit_chain()
    {
        var people = Enumerable.Range(0, 2 * WritersPerHost * IssuesPerWriter)
            .Select(i => CertificateTestData.InsertCompatriot(_first, $"Айгүл {i:D3}")).ToList();
        _second = SecondHost.On(_first);
        var hosts = new[] { _first, _second };

        // Every writer issues its share one after the other; the writers of both hosts run at once.
        var writers = hosts.SelectMany((host, h) => Enumerable.Range(0, WritersPerHost).Select(w =>
            IssueAllAsync(host, people.Skip((h * WritersPerHost + w) * IssuesPerWriter).Take(IssuesPerWriter).ToList())));
        var serials = (await Task.WhenAll(writers)).SelectMany(s => s).ToList();

        Assert.Equal(serials.Count, serials.Distinct().Count());
        var year = DateTimeOffset.UtcNow.Year.ToString(CultureInfo.InvariantCulture);
        Assert.All(serials, s => Assert.StartsWith($"IK-{year}-", s, StringComparison.Ordinal));
        var sequences = serials.Select(s => long.Parse(s.Split('-')[2], CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(1, people.Count).Select(i => (long)i), sequences);

        // No entry lost to a conflict between the hosts, and the chain they wrote together verifies on either.
        using (var connection = _first.OpenDatabase())
            Assert.Equal(people.Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issue'"));
        foreach (var host in hosts)
        {
            var verdict = await host.AdminClient().GetFromJsonAsync<JsonElement>("/api/audit/verify");
            Assert.True(verdict.GetProperty("ok").GetBoolean(), verdict.ToString());
        }
    }

    /// <summary>Issues one certificate per person in turn; a refusal fails the test with its status and body.</summary>
    private static async Task<List<string>> IssueAllAsync(TestHost host, IReadOnlyList<long> people)
    {
        using var client = host.AdminClient();
        var serials = new List<string>();
        foreach (var compatriotId in people) serials.Add((await CertificateTestData.IssueAsync(client, compatriotId)).Serial);
        return serials;
    }

    public void Dispose()
    {
        // The second host first: the first one drops the database they share.
        _second?.Dispose();
        _first.Dispose();
        GC.SuppressFinalize(this);
    }
}
