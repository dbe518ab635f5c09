using CampaignEngine.Web;

// Subcommands (e.g. `verify`) run before anything of the web host is built: no database, no server, no network.
if (Commands.Find(args) is { } command) return await command(Console.Out, Console.Error);

var app = CampaignHost.Build(args);
app.Run();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
