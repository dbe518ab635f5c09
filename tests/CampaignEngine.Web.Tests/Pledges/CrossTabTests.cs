using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Pledges;

public sealed class CrossTabTestsOnSqlite() : CrossTabTests(TestHost.Sqlite);

public sealed class CrossTabTestsOnPostgreSql() : CrossTabTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class CrossTabTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Crosstab_shows_every_category_and_an_explicit_unknown_with_percentages()
    {
        TestCompatriots.Insert(_host, new("A", "female", "KG-Y", "AE", Willing: "yes"));
        TestCompatriots.Insert(_host, new("B", "female", "KG-Y", "AE", Willing: null));
        TestCompatriots.Insert(_host, new("C", "male", "KG-N", "DE", Willing: "yes"));
        TestCompatriots.Insert(_host, new("D", "male", "KG-N", "DE", Willing: "no"));
        var result = await _host.AdminClient().GetJson("/api/reports/crosstab?rows=gender&cols=willing");
        Assert.Equal(["female", "male", "other", "unknown"], result["rows"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["yes", "no", "unsure", "unknown"], result["cols"]!.AsArray().Select(c => (string)c!));
        var counts = result["counts"]!.AsArray();
        Assert.Equal([1, 0, 0, 1], counts[0]!.AsArray().Select(n => (long)n!));
        Assert.Equal([1, 1, 0, 0], counts[1]!.AsArray().Select(n => (long)n!));
        Assert.Equal(50.0, (double)result["colPercents"]![0]![0]!);    // women are half of the "yes"
        Assert.Equal(50.0, (double)result["rowPercents"]![1]![1]!);    // half of the men said no
        Assert.Equal(4, (long)result["total"]!);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
