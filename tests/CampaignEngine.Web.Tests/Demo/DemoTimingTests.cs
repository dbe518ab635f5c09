using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.Tests.Compatriots;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CampaignEngine.Web.Tests.Demo;

[Collection(TimingCollection.Name)]
public sealed class DemoTimingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestHost _host = new();

    [Fact]
    public void Generating_and_writing_6000_takes_well_under_2_seconds()
    {
        _host.CreateClient();
        // Warm up libphonenumber's metadata and the JIT, as a real first start has done by then.
        DemoGenerator.Generate(50, 1, 2026);
        var writer = _host.Services.GetRequiredService<CompatriotWriter>();
        var (wall, cpu) = TimingCollection.Measure(() =>
        {
            var people = DemoGenerator.Generate(6000, 2021, 2026);
            Assert.Equal(6000, writer.Write(people.Select((p, i) => (i + 2, p)).ToList(), "demo").Imported);
        });
        output.WriteLine($"6,000 demo compatriots: {wall.TotalMilliseconds:F0} ms wall, {cpu.TotalMilliseconds:F0} ms CPU");
        Assert.True(cpu < TimeSpan.FromSeconds(2), $"{wall.TotalMilliseconds:F0} ms wall, {cpu.TotalMilliseconds:F0} ms CPU");
    }

    public void Dispose() => _host.Dispose();
}
