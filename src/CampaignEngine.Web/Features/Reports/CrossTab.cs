using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Reports;

/// <summary>Counts of compatriots by any two attributes, with row and column percentages and an explicit "unknown".</summary>
internal sealed class CrossTab(Db db, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, string> Attributes = new Dictionary<string, string>
    {
        ["gender"] = "c.gender",
        ["ageBand"] = """
            CASE WHEN c.birth_year IS NULL OR @year - c.birth_year < 18 THEN 'unknown'
                 WHEN @year - c.birth_year < 25 THEN '18-24' WHEN @year - c.birth_year < 30 THEN '25-29'
                 WHEN @year - c.birth_year < 40 THEN '30-39' WHEN @year - c.birth_year < 50 THEN '40-49'
                 WHEN @year - c.birth_year < 60 THEN '50-59' ELSE '60+' END
            """,
        ["homeRegion"] = "c.home_region",
        ["country"] = "c.country",
        ["city"] = "c.city",
        ["language"] = "c.language",
        ["willing"] = "c.willing",
        ["yearsAbroad"] = "c.years_abroad",
        ["organization"] = "CAST(c.organization_id AS TEXT)",
    };

    public sealed record Result(
        IReadOnlyList<string> Rows, IReadOnlyList<string> Cols, long[][] Counts, double[][] ColPercents, double[][] RowPercents,
        long[] RowTotals, long[] ColTotals, long Total);

    public Result Run(string rows, string cols, CurrentUser user)
    {
        var scope = AccessScope.Of(user).ForPeople("c.home_region", "c.organization_id");
        using var connection = db.Open();
        var cells = connection.Query<(string R, string C, long N)>($"""
            SELECT COALESCE(NULLIF({Attributes[rows]}, ''), 'unknown') AS r,
                   COALESCE(NULLIF({Attributes[cols]}, ''), 'unknown') AS c,
                   COUNT(*) AS n
            FROM directory_compatriot c
            WHERE {scope.Sql}
            GROUP BY 1, 2
            """, scope.With(new { year = clock.GetUtcNow().Year })).ToList();
        var rowLabels = Labels(rows, cells.Select(x => x.R));
        var colLabels = Labels(cols, cells.Select(x => x.C));
        var counts = rowLabels.Select(r => colLabels.Select(c => cells.Where(x => x.R == r && x.C == c).Sum(x => x.N)).ToArray()).ToArray();
        var rowTotals = counts.Select(r => r.Sum()).ToArray();
        var colTotals = colLabels.Select((_, j) => counts.Sum(r => r[j])).ToArray();
        return new Result(rowLabels, colLabels, counts,
            counts.Select(r => r.Select((n, j) => Percent(n, colTotals[j])).ToArray()).ToArray(),
            counts.Select((r, i) => r.Select(n => Percent(n, rowTotals[i])).ToArray()).ToArray(),
            rowTotals, colTotals, rowTotals.Sum());
    }

    // Closed vocabularies show every category, empty or not, and "unknown" always, last.
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Vocabularies = new Dictionary<string, IReadOnlyList<string>>
    {
        ["gender"] = Core.Reference.Vocabulary.Genders,
        ["ageBand"] = Core.Reference.Vocabulary.AgeBands,
        ["willing"] = Core.Reference.Vocabulary.Willingness,
        ["yearsAbroad"] = Core.Reference.Vocabulary.YearsAbroad,
        ["language"] = Core.Reference.Languages.All,
    };

    private static List<string> Labels(string attribute, IEnumerable<string> values)
    {
        var known = Vocabularies.TryGetValue(attribute, out var vocabulary) ? vocabulary : [];
        var seen = values.Where(v => v != "unknown" && !known.Contains(v)).Distinct().Order(StringComparer.Ordinal);
        return [.. known.Where(v => v != "unknown"), .. seen, "unknown"];
    }

    private static double Percent(long part, long whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);
}
