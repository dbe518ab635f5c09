using System.Globalization;

namespace CampaignEngine.Bench;

/// <summary>How a measure is judged: an absolute ceiling, a floor on a rate, or a ceiling or a floor on the ratio to the limit.</summary>
internal enum BudgetKind { AtMost, AtLeast, RatioAtMost, RatioAtLeast }

/// <summary>One line of the table: the product's measure beside its limit, measured in the same run.</summary>
internal sealed record Result(
    string Measure, string Size, double Value, string Unit, string? Beside, double? BesideValue,
    BudgetKind Kind, double Budget, string Note = "", string? BesideUnit = null)
{
    /// <summary>The engine the measure ran on: a column of the table (issue 19).</summary>
    public string Engine { get; init; } = Engines.Sqlite;

    /// <summary>Why the item has no number on this engine; null when it was measured.</summary>
    public string? NotMeasured { get; init; }

    /// <summary>A line that says why an item has no number on an engine, instead of a made-up one.</summary>
    public static Result Skipped(string engine, string measure, string size, string why) =>
        new(measure, size, double.NaN, "", null, null, BudgetKind.AtMost, 0) { Engine = engine, NotMeasured = why };

    /// <summary>True when the stage that should have measured this item threw: the command fails once the table is written.</summary>
    public bool Failed { get; init; }

    /// <summary>The line of a stage that threw: its error instead of a number.</summary>
    public static Result Crashed(string engine, string stage, Exception error) =>
        Skipped(engine, stage, "", $"the stage failed: {error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")}") with { Failed = true };

    public double? Ratio => BesideValue is > 0 ? Value / BesideValue : null;

    public bool Met => NotMeasured is null && Kind switch
    {
        BudgetKind.AtMost => Value <= Budget,
        BudgetKind.AtLeast => Value >= Budget,
        BudgetKind.RatioAtLeast => Ratio is { } r && r >= Budget,
        _ => Ratio is { } r && r <= Budget,
    };

    public string BudgetText => Kind switch
    {
        BudgetKind.AtMost => $"≤ {Format(Budget)} {Unit}",
        BudgetKind.AtLeast => $"≥ {Format(Budget)} {Unit}",
        BudgetKind.RatioAtLeast => $"≥ {Format(Budget)}×",
        _ => $"≤ {Format(Budget)}×",
    };

    public static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
