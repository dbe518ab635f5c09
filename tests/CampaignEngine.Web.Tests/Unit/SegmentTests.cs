using System.Text.Json;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Unit;

public sealed class SegmentTests
{
    private static readonly ModuleManifest IssykKul = ShippedModules.Manifest("issyk-kul");

    [Fact]
    public void Willing_reads_a_string_or_an_array()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.Equal(["yes"], JsonSerializer.Deserialize<Segment>("""{"willing":"yes"}""", options)!.Willing!);
        Assert.Equal(["yes", "unsure"], JsonSerializer.Deserialize<Segment>("""{"willing":["yes","unsure"]}""", options)!.Willing!);
        Assert.Equal(["AE", "CN"], JsonSerializer.Deserialize<Segment>("""{"countries":"AE;CN"}""", options)!.Countries!);
    }

    [Fact]
    public void Empty_segment_is_the_module_targeting()
    {
        var filter = AudienceSql.Build(IssykKul, Segment.Everyone, 2026, scopeRegion: null);
        Assert.Equal("c.home_region IN @regions AND c.country IN @countries", filter.Where);
        Assert.Equal(IssykKul.Countries, filter.Parameters.Get<IReadOnlyList<string>>("countries"));
    }

    [Fact]
    public void Age_bands_become_birth_year_ranges()
    {
        var filter = AudienceSql.Build(IssykKul, new Segment { AgeBands = ["25-29", "unknown"] }, 2026, null);
        Assert.Contains("c.birth_year BETWEEN @born_from0 AND @born_to0 OR c.birth_year IS NULL", filter.Where);
        Assert.Equal(1997, filter.Parameters.Get<int>("born_from0"));
        Assert.Equal(2001, filter.Parameters.Get<int>("born_to0"));
    }

    [Fact]
    public void Oblast_scope_keeps_only_its_region()
    {
        var national = ShippedModules.Manifest("national");
        var filter = AudienceSql.Build(national, Segment.Everyone, 2026, scopeRegion: "KG-N");
        Assert.Equal(["KG-N"], filter.Parameters.Get<string[]>("regions"));
    }

    [Fact]
    public void Chosen_channel_follows_the_priority_order()
    {
        var sql = AudienceSql.ChosenChannel(["telegram", "email"]);
        Assert.True(sql.IndexOf("'telegram'", StringComparison.Ordinal) < sql.IndexOf("'email'", StringComparison.Ordinal));
        Assert.DoesNotContain("whatsapp", sql);
    }

    [Theory]
    [InlineData(null, 1.0, "KGS", null, "kind")]
    [InlineData("money", null, "KGS", null, "amount")]
    [InlineData("money", -1.0, "KGS", null, "amount")]
    [InlineData("money", 10.0, "XXX", null, "currency")]
    [InlineData("time", null, null, null, "hours")]
    [InlineData("in_kind", null, null, null, "description")]
    public void Invalid_pledges_name_the_field(string? kind, double? amount, string? currency, double? hours, string field)
    {
        var input = new PledgeInput { Kind = kind, Amount = (decimal?)amount, Currency = currency, Hours = (decimal?)hours };
        Assert.Equal(field, input.Problem(c => c is "KGS" or "USD")?.Field);
    }

    [Fact]
    public void Valid_pledges_pass()
    {
        Assert.Null(new PledgeInput { Kind = "money", Amount = 1000, Currency = "KGS" }.Problem(c => c == "KGS"));
        Assert.Null(new PledgeInput { Kind = "time", Hours = 4, ContributionType = "consulting" }.Problem(_ => false));
        Assert.Null(new PledgeInput { Kind = "in_kind", Description = "5 computers" }.Problem(_ => false));
    }
}
