using System.Reflection;

namespace CampaignEngine.TestSupport;

/// <summary>Where things are in the repository, found from the test assembly so that any working directory works.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "CampaignEngine.Web");

    /// <summary>The host built alongside these tests: same Configuration, so Debug tests never run a stale Release host.</summary>
    public static string WebAssembly
    {
        get
        {
            var configuration = typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(WebProject, "bin", configuration, "net10.0", "CampaignEngine.Web.dll");
        }
    }

    public static string Screenshots => Path.Combine(Root, "docs", "screenshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CampaignEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No CampaignEngine.sln above {AppContext.BaseDirectory}.");
    }
}
