using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>
/// Two hosts on one PostgreSQL database issue certificates at the same time (issue 19: serials and the audit chain stay
/// consistent across hosts). Each issue takes the next serial of its prefix and year and appends to the audit chain;
/// both are shared by every host, so both must queue the hosts' writers, not fail one of them. PostgreSQL only:
/// several hosts share a database only there (a SQLite file has one process).
/// </summary>
public sealed class TwoHostSerialTests : IDisposable
{
    private const int WritersPerHost = 4;
    private const int IssuesPerWriter = 8;

    private readonly List<TestHost> _hosts = [];

    [SkippableFact]
    public async Task Certificates_issued_on_two_hosts_at_once_get_dense_unique_serials_and_one_unbroken_audit_chain()
    {
        var first = Host(new TestHost(TestHost.PostgreSql));
        _ = first.Services;   // migrates the database before the second host starts on it
        var second = Host(new TestHost(demo: false, engine: TestHost.PostgreSql, database: first.ConnectionString) { KeepsDatabase = true });
        _ = second.Services;
        var people = Enumerable.Range(0, 2 * WritersPerHost * IssuesPerWriter)
            .Select(i => CertificateTestData.InsertCompatriot(first, $"Айгүл {i:D3}")).ToList();

        // Every writer issues its share one after the other; the writers of both hosts run at once.
        var writers = _hosts.SelectMany((host, h) => Enumerable.Range(0, WritersPerHost).Select(w =>
            IssueAllAsync(host, people.Skip((h * WritersPerHost + w) * IssuesPerWriter).Take(IssuesPerWriter).ToList())));
        var outcomes = (await Task.WhenAll(writers)).SelectMany(o => o).ToList();

        Assert.All(outcomes, o => Assert.True(o.Status == HttpStatusCode.Created, $"{(int)o.Status}: {o.Body}"));
        var serials = outcomes.Select(o => o.Serial!).ToList();
        Assert.Equal(serials.Count, serials.Distinct().Count());
        var year = DateTimeOffset.UtcNow.Year.ToString(CultureInfo.InvariantCulture);
        Assert.All(serials, s => Assert.StartsWith($"IK-{year}-", s, StringComparison.Ordinal));
        var sequences = serials.Select(s => long.Parse(s.Split('-')[2], CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(1, people.Count).Select(i => (long)i), sequences);

        // No entry lost to a conflict between the hosts, and the chain they wrote together verifies on either.
        using (var connection = first.OpenDatabase())
            Assert.Equal(people.Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issue'"));
        foreach (var host in _hosts)
        {
            var verdict = await host.AdminClient().GetFromJsonAsync<JsonElement>("/api/audit/verify");
            Assert.True(verdict.GetProperty("ok").GetBoolean(), verdict.ToString());
        }
    }

    private static async Task<List<Issued>> IssueAllAsync(TestHost host, IReadOnlyList<long> people)
    {
        using var client = host.AdminClient();
        var issued = new List<Issued>();
        foreach (var compatriotId in people)
        {
            using var response = await client.PostAsJsonAsync("/api/certificates",
                new { compatriotId, moduleId = "issyk-kul", kind = "honorary", language = "ky", reason = "Ысык-Көлдүн жээгин тазалоого кошкон салымы үчүн" });
            var body = await response.Content.ReadAsStringAsync();
            issued.Add(new(response.StatusCode, response.StatusCode == HttpStatusCode.Created ? SerialOf(body) : null, body));
        }
        return issued;
    }

    private static string? SerialOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("serial").GetString();
    }

    private TestHost Host(TestHost host)
    {
        _hosts.Add(host);
        return host;
    }

    public void Dispose()
    {
        // The second host first: the first drops the database they share once nobody else runs on it.
        foreach (var host in Enumerable.Reverse(_hosts)) host.Dispose();
    }

    private sealed record Issued(HttpStatusCode Status, string? Serial, string Body);
}
