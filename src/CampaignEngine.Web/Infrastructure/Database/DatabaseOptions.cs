namespace CampaignEngine.Web.Infrastructure.Database;

public sealed class DatabaseOptions
{
    public string Path { get; set; } = "data/campaign-engine.db";
}
