namespace CampaignEngine.Web;

/// <summary>Subcommands of the host executable (run instead of the web server).</summary>
public static class Commands
{
    public static Task<bool> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return Task.FromResult(false);
        return Task.FromResult(false);
    }
}
