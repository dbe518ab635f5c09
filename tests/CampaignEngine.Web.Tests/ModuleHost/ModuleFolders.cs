namespace CampaignEngine.Web.Tests.ModuleHost;

/// <summary>Module folders for tests: the shipped ones as the build puts them beside the binaries, and the test-only ones.</summary>
internal static class ModuleFolders
{
    /// <summary>The modules directory the build wrote beside the host's binaries (the default <c>Modules:Path</c>).</summary>
    public static string Shipped => Path.Combine(AppContext.BaseDirectory, "modules");

    /// <summary>A test-only data module: Chui natives in Turkey, under its own issuer (serial prefix TCH).</summary>
    public static string TestChui => Path.Combine(RepositoryPaths.Root, "tests", "CampaignEngine.Web.Tests", "ModuleHost", "Fixtures", "TestChui");

    public static string SharedTemplates => Path.Combine(RepositoryPaths.Root, "templates", "_shared");

    /// <summary>Copies <paramref name="source"/> with everything under it into <paramref name="target"/>.</summary>
    public static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
    }
}
