using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>
/// Two hosts on one PostgreSQL database issuing at the same time (issue 19): every serial is given once, the sequence of
/// the issuer's year stays dense, and each host verifies what the other signed (the key ring is shared).
/// </summary>
public sealed class CertificateSerialsAcrossHostsTests
{
    [SkippableFact]
    public async Task Two_hosts_issuing_at_once_give_each_serial_once_and_densely()
    {
        using var first = new TestHost(TestHost.PostgreSql);
        using var second = new TestHost(TestHost.PostgreSql) { Settings = { ["ConnectionStrings:CampaignEngine"] = first.ConnectionString } };
        _ = first.Server;
        _ = second.Server;
        var people = Enumerable.Range(0, 8).Select(i => CertificateTestData.InsertCompatriot(first, $"Адамы {i} Тестов")).ToList();

        var issued = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            var host = i % 2 == 0 ? first : second;
            return (await CertificateTestData.IssueAsync(host.AdminClient(), people[i % people.Count])).Serial;
        }));

        Assert.Equal(issued.Length, issued.Distinct(StringComparer.Ordinal).Count());
        var sequences = issued.Select(s => int.Parse(s[(s.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, issued.Length), sequences);
        foreach (var serial in issued.Take(6))
        {
            using var verify = JsonDocument.Parse(await second.AdminClient().GetStringAsync($"/api/certificates/{serial}/verify"));
            Assert.Equal("valid", verify.RootElement.GetProperty("status").GetString());
        }
        Assert.Equal(issued.Length, TestCompatriots.Scalar(first, "SELECT COUNT(*) FROM certificate"));
    }
}
