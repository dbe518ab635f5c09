using System.Globalization;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Reports;

/// <summary>One gender's share of a report row. Conversion is the part of the pledges that were fulfilled in full.</summary>
internal sealed record GenderCell(long Count, long Donors, decimal AmountUsd, decimal AmountKgs, decimal FulfilledUsd, long Fulfilled, decimal Hours)
{
    public static readonly GenderCell Empty = new(0, 0, 0, 0, 0, 0, 0);

    public decimal Conversion => Count == 0 ? 0 : Math.Round(100m * Fulfilled / Count, 1);

    public GenderCell Plus(GenderCell o) => new(Count + o.Count, Donors + o.Donors, AmountUsd + o.AmountUsd, AmountKgs + o.AmountKgs,
        FulfilledUsd + o.FulfilledUsd, Fulfilled + o.Fulfilled, Hours + o.Hours);

    public static GenderCell From(IDictionary<string, object?> row) => new(
        Long(row["count"]), Long(row["donors"]), Dec(row["amountUsd"]), Dec(row["amountKgs"]), Dec(row["fulfilledUsd"]), Long(row["fulfilled"]), Dec(row["hours"]));

    private static long Long(object? v) => Convert.ToInt64(v ?? 0L, CultureInfo.InvariantCulture);
    private static decimal Dec(object? v) => Convert.ToDecimal(v ?? 0m, CultureInfo.InvariantCulture);
}

/// <summary>A value of the chosen dimension with its numbers for women, men, other and unknown, and their total.</summary>
internal sealed record PivotRow(string Key, string Label, IReadOnlyDictionary<string, GenderCell> ByGender)
{
    // Donor counts are per gender and a person has one gender per pledge snapshot, so the sum is the row's donors.
    public GenderCell Total => ByGender.Values.Aggregate(GenderCell.Empty, (a, b) => a.Plus(b));

    /// <summary>Rows from a report grouped by (dimension, gender): every gender present in every row, zero when empty.</summary>
    public static IReadOnlyList<PivotRow> From(string dimension, IReadOnlyList<IDictionary<string, object?>> rows, ReportLabels labels) =>
        rows.GroupBy(r => Convert.ToString(r[dimension], CultureInfo.InvariantCulture) ?? "")
            .Select(g => Single(g.Key, labels.Of(dimension, g.Key), g.ToList()))
            .ToList();

    /// <summary>One row from report rows that differ by gender only.</summary>
    public static PivotRow Single(string key, string label, IReadOnlyList<IDictionary<string, object?>> rows) =>
        new(key, label, Vocabulary.Genders.ToDictionary(gender => gender,
            gender => rows.Where(r => Equals(r["gender"], gender)).Select(GenderCell.From).Aggregate(GenderCell.Empty, (a, b) => a.Plus(b))));
}

/// <param name="Totals">By gender over everything shown, from its own query: summing the rows would count a donor once per row.</param>
internal sealed record PledgeReportPage(
    string By, long? CampaignId, IReadOnlyList<PivotRow> Rows, PivotRow Totals, IReadOnlyList<(long Id, string Name)> Campaigns)
{
    /// <summary>The dimensions the page offers; gender is always split out beside whichever is chosen.</summary>
    public static readonly IReadOnlyList<string> Dimensions =
        ["gender", "ageBand", "homeRegion", "country", "kind", "contributionType", "sector", "project", "campaignId", "month", "status"];

    public string ExportBy => By == "gender" ? "gender" : $"{By},gender";
}
