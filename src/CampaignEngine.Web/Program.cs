using CampaignEngine.Web;

var app = CampaignHost.Build(args);
if (await CampaignHost.RunCommandAsync(app, args)) return;
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
