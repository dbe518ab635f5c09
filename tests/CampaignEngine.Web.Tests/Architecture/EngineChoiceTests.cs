using System.Text.RegularExpressions;

namespace CampaignEngine.Web.Tests.Architecture;

/// <summary>
/// Engine differences live in one place per feature (ADR 0012): a feature asks which engine it runs on in one file
/// (its <c>…Sql</c> class or engine factory), never in <c>if</c> chains across its code.
/// </summary>
public sealed partial class EngineChoiceTests
{
    [Fact]
    public void Each_feature_asks_which_engine_it_runs_on_in_one_file_at_most()
    {
        var features = Path.Combine(SourceTree.RepositoryRoot(), "src", "CampaignEngine.Web", "Features");
        var spread = SourceTree.CSharpFiles(features)
            .Where(file => EngineQuestion().IsMatch(File.ReadAllText(file.Full)))
            .GroupBy(file => file.Relative.Split('/')[0])
            .Where(feature => feature.Count() > 1)
            .Select(feature => $"{feature.Key}: {string.Join(", ", feature.Select(f => f.Relative).Order(StringComparer.Ordinal))}");

        Assert.Empty(spread);
    }

    [Fact]
    public void The_rule_sees_every_way_the_code_asks_for_the_engine()
    {
        string[] questions =
        [
            "if (connection is SqliteConnection)", "connection is not SqliteConnection", "var s = connection as SqliteConnection;",
            "connection is NpgsqlConnection ? a : b", "db.IsPostgreSql ? a : b", "if (db.IsSqlite)",
        ];

        Assert.All(questions, question => Assert.Matches(EngineQuestion(), question));
        Assert.DoesNotMatch(EngineQuestion(), "using var connection = (SqliteConnection)db.Open();");
    }

    [GeneratedRegex(@"\b(is|as)\s+(not\s+)?(SqliteConnection|NpgsqlConnection)\b|\.Is(PostgreSql|Sqlite)\b")]
    private static partial Regex EngineQuestion();
}
