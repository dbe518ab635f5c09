namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>A second host on a first one's database, as after a restart or as a second server behind a load balancer.</summary>
public static class SecondHost
{
    /// <summary>
    /// A host on <paramref name="first"/>'s database: its file, or on PostgreSQL its connection string (the second host's
    /// own empty database is left unused and dropped with it; the first host drops the shared one, so dispose it last).
    /// </summary>
    public static TestHost On(TestHost first)
    {
        var second = new TestHost(first.Engine);
        if (first.ConnectionString is null) second.Settings["Database:Path"] = first.DatabasePath;
        else second.Settings["ConnectionStrings:CampaignEngine"] = first.ConnectionString;
        return second;
    }
}
