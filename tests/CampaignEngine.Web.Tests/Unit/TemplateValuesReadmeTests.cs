using System.Text.RegularExpressions;
using CampaignEngine.TestSupport;
using CampaignEngine.Web.Infrastructure.Templates;

namespace CampaignEngine.Web.Tests.Unit;

/// <summary>
/// README's tables of what a template sees are the template authors' reference: they must list exactly the values of
/// <see cref="TemplateValues"/>, so a value added to the code without a line for authors (or the reverse) fails here.
/// </summary>
public sealed partial class TemplateValuesReadmeTests
{
    [Fact]
    public void README_lists_every_value_a_message_sees_and_no_other()
    {
        var documented = Documented("messages");

        Assert.Equal(Paths(TemplateValues.Messages), documented.Where(IsValue).Order(StringComparer.Ordinal));
        Assert.Equal(TemplateValues.Helpers.Order(StringComparer.Ordinal), documented.Where(d => !IsValue(d)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void README_lists_every_value_a_certificate_sees_and_no_other()
    {
        Assert.Equal(Paths(TemplateValues.Certificates), Documented("certificates").Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Paths(IEnumerable<TemplateValue> values) => values.Select(v => v.Path).Order(StringComparer.Ordinal);

    // A helper is written as a call (`money amount "KGS"`): its name is the first word. A value is one path.
    private static bool IsValue(string name) => !TemplateValues.Helpers.Contains(name);

    /// <summary>The names in the first column of README's table marked <c>template-values: <paramref name="table"/></c>.</summary>
    private static List<string> Documented(string table)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf($"<!-- template-values: {table} -->", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no table marked template-values: {table}");
        var end = readme.IndexOf("<!-- /template-values -->", start, StringComparison.Ordinal);
        return readme[start..end].Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Code().Matches(line.Split('|')[1]).Select(m => m.Groups["name"].Value))
            .ToList();
    }

    [GeneratedRegex(@"`(?<name>[a-z_]+(?:\.[a-z_]+)?)[^`]*`")]
    private static partial Regex Code();
}
