using System.Text.RegularExpressions;

namespace CampaignEngine.Web.Tests.Architecture;

/// <summary>
/// A namespace says where its file is: <c>src/CampaignEngine.Web/Features/Projects/Photos/JpegMetadata.cs</c> is in
/// <c>CampaignEngine.Web.Features.Projects.Photos</c>, so a reader who finds a type by name finds its folder too.
/// </summary>
public sealed partial class NamespaceTests
{
    /// <summary>Folders whose files still carry their parent's namespace; issue 15 moves them (the list may only shrink).</summary>
    private static readonly HashSet<string> KnownMismatches =
    [
        "src/CampaignEngine.Web/Features/Certificates/Delivery",
        "src/CampaignEngine.Web/Features/Certificates/Issuers",
    ];

    [Fact]
    public void Every_namespace_in_the_product_equals_its_folder()
    {
        var root = SourceTree.RepositoryRoot();
        var mismatched = Projects(root)
            .SelectMany(project => SourceTree.CSharpFiles(Path.Combine(root, project.Folder))
                .Select(file => (Folder: Path.GetDirectoryName(file.Relative)!.Replace('\\', '/'), file.Full))
                .Where(file => DeclaredNamespace(File.ReadAllText(file.Full)) is { } declared
                    && declared != Expected(project.Namespace, file.Folder))
                .Select(file => string.IsNullOrEmpty(file.Folder) ? project.Folder : $"{project.Folder}/{file.Folder}"))
            .ToHashSet(StringComparer.Ordinal);

        var added = mismatched.Except(KnownMismatches).Order(StringComparer.Ordinal).ToList();
        var gone = KnownMismatches.Except(mismatched).Order(StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0, "files whose namespace is not their folder:\n" + string.Join('\n', added));
        Assert.True(gone.Count == 0, "these folders now match: take them off KnownMismatches:\n" + string.Join('\n', gone));
    }

    /// <summary>The product's projects: the host, the core and every module (tests and the bench follow their own names).</summary>
    private static IEnumerable<(string Folder, string Namespace)> Projects(string root) =>
        new[] { ("src/CampaignEngine.Web", "CampaignEngine.Web"), ("src/CampaignEngine.Core", "CampaignEngine.Core") }
            .Concat(Directory.EnumerateDirectories(Path.Combine(root, "modules"))
                .Select(folder => ($"modules/{Path.GetFileName(folder)}", $"CampaignEngine.Modules.{Path.GetFileName(folder)}")));

    private static string Expected(string rootNamespace, string folder) =>
        folder.Length == 0 ? rootNamespace : $"{rootNamespace}.{folder.Replace('/', '.')}";

    private static string? DeclaredNamespace(string source) =>
        Namespace().Match(source) is { Success: true } match ? match.Groups["name"].Value : null;

    [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
