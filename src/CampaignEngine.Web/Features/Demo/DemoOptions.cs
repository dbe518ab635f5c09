namespace CampaignEngine.Web.Features.Demo;

/// <summary>Demo data for a first start: a synthetic registry, so that a new user sees the product working.</summary>
internal sealed class DemoOptions
{
    public bool Enabled { get; set; } = true;
    public int Compatriots { get; set; } = 6000;
    public int Seed { get; set; } = 2021;
}
