using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

[Collection(TimingCollection.Name)]
public sealed class ImportTimingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestHost _host = new();

    [Fact]
    public async Task Import_of_100000_rows_takes_seconds()
    {
        var csv = Csv(Enumerable.Range(1, 100_000)
            .Select(i => Person($"bulk-{i}", phone: $"+7 914 {i % 1000:D3}-{i / 1000 % 100:D2}-{i % 100:D2}")).ToArray());
        var admin = _host.AdminClient();
        // Start the host (and warm up the import path) outside the measurement.
        Assert.Equal(HttpStatusCode.OK, (await Import(admin, Csv(Person("warm-up")))).Status);
        var (wall, cpu) = await TimingCollection.MeasureAsync(async () =>
        {
            var (status, body) = await Import(admin, csv);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(100_000, body.GetProperty("imported").GetInt32());
            Assert.Empty(body.GetProperty("rejected").EnumerateArray());
        });
        output.WriteLine($"100,000 rows: {wall.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU");
        Assert.True(cpu < TimeSpan.FromSeconds(25), $"{wall.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU");
    }

    public void Dispose() => _host.Dispose();
}
