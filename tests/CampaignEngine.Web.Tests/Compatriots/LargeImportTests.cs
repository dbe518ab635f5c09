using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

/// <summary>One import of 100,000 rows through the API; how fast it goes is the bench's to measure, not this test's.</summary>
[Collection(AloneCollection.Name)]
public sealed class LargeImportTests : IDisposable
{
    private readonly TestHost _host = new();

    // A file this large would run in the background (BackgroundImportTests covers that path); here it stays one request.
    public LargeImportTests() => _host.Settings["Compatriots:BackgroundImportFromBytes"] = "1000000000";

    [Fact]
    public async Task An_import_of_100000_rows_writes_every_row_in_one_request()
    {
        var csv = Csv(Enumerable.Range(1, 100_000)
            .Select(i => Person($"bulk-{i}", phone: $"+7 914 {i % 1000:D3}-{i / 1000 % 100:D2}-{i % 100:D2}")).ToArray());
        var admin = _host.AdminClient();
        // A loaded test machine may take minutes; HttpClient's own 100 s limit would turn that into a failure.
        admin.Timeout = TimeSpan.FromMinutes(15);

        var (status, body) = await Import(admin, csv);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(100_000, body.GetProperty("imported").GetInt32());
        Assert.Empty(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(100_000, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM directory_compatriot WHERE external_id LIKE 'bulk-%'"));
    }

    public void Dispose() => _host.Dispose();
}
