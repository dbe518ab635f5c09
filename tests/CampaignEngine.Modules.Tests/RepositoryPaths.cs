namespace CampaignEngine.Modules.Tests;

/// <summary>Finds the repository checkout the tests run from, so tests can read modules/ and templates/ as committed.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");
    public static string Modules => Path.Combine(Root, "modules");
    public static string Approved => Path.Combine(Root, "tests", "CampaignEngine.Modules.Tests", "Approved");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CampaignEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("CampaignEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
