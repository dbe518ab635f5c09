using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace CampaignEngine.Web.Tests.Database;

/// <summary>
/// The settings files are not watched: a watcher on the content root also sees the database (data/ by default), and
/// every SQLite write would wake its thread.
/// </summary>
public sealed class ConfigurationReloadTests
{
    [Fact]
    public async Task The_host_does_not_watch_its_settings_files()
    {
        var folder = Directory.CreateTempSubdirectory("ce-config").FullName;
        try
        {
            await using var app = CampaignHost.Build([$"--Database:Path={Path.Combine(folder, "db.sqlite")}", "--Demo:Enabled=false"]);
            var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<JsonConfigurationProvider>().ToList();
            Assert.NotEmpty(files);
            Assert.All(files, provider => Assert.False(provider.Source.ReloadOnChange, provider.Source.Path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
