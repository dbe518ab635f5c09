namespace CampaignEngine.Web.Infrastructure.Database;

internal sealed class DatabaseOptions
{
    public string Path { get; set; } = "data/campaign-engine.db";
}
