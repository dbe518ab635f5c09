namespace CampaignEngine.Web.Tests.Architecture;

/// <summary>The repository's own C# sources (build output left out), for the tests that read code as text.</summary>
internal static class SourceTree
{
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CampaignEngine.sln"))) root = root.Parent;
        Assert.NotNull(root);
        return root!.FullName;
    }

    /// <summary>Every .cs file under <paramref name="folder"/>, as (path relative to it with '/', full path).</summary>
    public static IEnumerable<(string Relative, string Full)> CSharpFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(full => (Relative: Path.GetRelativePath(folder, full).Replace('\\', '/'), Full: full))
            .Where(file => !file.Relative.Split('/').Any(part => part is "obj" or "bin"));
}
